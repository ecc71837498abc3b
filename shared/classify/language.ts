import { franc } from 'franc-min';
import type { Language } from '../taxonomy.ts';

/** franc's ISO 639-3 codes for the languages customers write in, mapped to ISO 639-1. */
const ISO3_TO_1: Record<string, Language> = {
  eng: 'en', deu: 'de', fra: 'fr', spa: 'es', ita: 'it', por: 'pt', nld: 'nl', jpn: 'ja',
};
/**
 * The only languages franc may answer with. The Lambda bundles load franc's trigram data for
 * these alone (infra/bundle-plugins.ts), so franc must never be called without this list.
 */
export const FRANC_LANGUAGES: readonly string[] = Object.keys(ISO3_TO_1);

// Kana only occurs in Japanese; franc needs more text than a short Japanese line gives it.
const KANA = /[\u3040-\u30ff]/;

// Short texts defeat trigram statistics; common function words settle them.
const STOPWORDS: Array<[Language, string]> = [
  ['en', "the|and|my|is|can't|cant|not|to|i|it|with|help|account|have|this|what|how"],
  ['de', 'ich|nicht|und|mein|meine|ist|das|der|die|mit|kann|bitte|konto|habe|ein|eine|wie|auf'],
  ['fr', "je|ne|pas|mon|ma|mes|est|le|la|les|avec|compte|et|bonjour|j'ai|une|un|mais|pour|plus"],
  ['es', 'no|mi|mis|el|la|los|puedo|con|cuenta|y|es|hola|por|tengo|que|una|del|sé|qué|cuál|me'],
  ['it', 'non|il|mio|mia|con|sono|riesco|è|della|ciao|per|grazie|ho|uno|gli|che|mi|stessa|accedere'],
  ['pt', 'não|nao|meu|minha|meus|minhas|com|conta|o|os|consigo|olá|obrigado|obrigada|tenho|uma|do|da|é|você|está|sem|nenhuma|nenhum|depois|também|estou|isso|ainda|ao|pelo|pela|já|são'],
  ['nl', 'ik|niet|mijn|het|een|en|met|kan|de|is|inloggen|bedankt|heb|wordt|op|van|dat'],
];
/** Word → the languages (indexes into STOPWORDS) it is a function word of. */
const STOPWORD_LANGUAGES = new Map<string, number[]>();
STOPWORDS.forEach(([, list], index) => {
  for (const word of list.split('|')) STOPWORD_LANGUAGES.set(word, [...(STOPWORD_LANGUAGES.get(word) ?? []), index]);
});
const NOT_LETTERS = /[^\p{L}']+/u;

/**
 * How many function words of each language the text has: whole words between non-letters, a
 * word with an apostrophe counting whole when listed ("j'ai", "can't"), else by its parts
 * ("it's" → "it").
 */
function stopwordCounts(tokens: string[]): number[] {
  const counts = STOPWORDS.map(() => 0);
  for (const token of tokens) {
    if (!token.includes("'")) {
      count(counts, STOPWORD_LANGUAGES.get(token), null);
      continue;
    }
    const parts = token.split("'");
    for (let k = 0; k < parts.length; k++) {
      const pairLangs = k + 1 < parts.length ? STOPWORD_LANGUAGES.get(`${parts[k]}'${parts[k + 1]}`) : undefined;
      if (pairLangs) {
        // A language that lists the pair reads it as one word; the others read the parts.
        count(counts, pairLangs, null);
        count(counts, STOPWORD_LANGUAGES.get(parts[k]!), pairLangs);
        count(counts, STOPWORD_LANGUAGES.get(parts[k + 1]!), pairLangs);
        k += 1;
      } else {
        count(counts, STOPWORD_LANGUAGES.get(parts[k]!), null);
      }
    }
  }
  return counts;
}

function count(counts: number[], langs: number[] | undefined, except: number[] | null): void {
  if (!langs) return;
  for (const l of langs) if (!except?.includes(l)) counts[l]! += 1;
}

/** The language of a customer's text (ISO 639-1), or `und` when there is nothing to tell by. */
export function detectLanguage(text: string): Language | 'und' {
  const sample = text.slice(0, 1500);
  if (KANA.test(sample)) return 'ja';
  // Words: runs of letters and apostrophes.
  const tokens = sample.toLowerCase().split(NOT_LETTERS).filter((t) => t !== '');
  if (tokens.length === 0) return 'und';
  const counts = stopwordCounts(tokens);
  // The language with most function words (the first listed on a tie) and the runner-up's count.
  let best = 0;
  for (let l = 1; l < counts.length; l++) if (counts[l]! > counts[best]!) best = l;
  let runnerUp = 0;
  for (let l = 0; l < counts.length; l++) if (l !== best) runnerUp = Math.max(runnerUp, counts[l]!);
  const top = counts[best]!;
  const clearByWords = top >= 2 && top >= 2 * runnerUp;
  // Trigram statistics need text; on a line or two, function words tell more (three of one
  // language and none of another settle it: franc reads a short Portuguese line as Spanish).
  if (!(clearByWords && (top >= 4 || (top >= 3 && runnerUp === 0)))) {
    const letters = sample.split(NOT_LETTERS).filter((t) => t !== '').join(' ');
    const code = letters.length >= 40 ? franc(letters, { only: [...FRANC_LANGUAGES], minLength: 10 }) : 'und';
    const lang = ISO3_TO_1[code];
    // Trigrams over a sentence or two can land on a neighbour with none of its function words
    // ("Le site répond … alors que je la tape" read as Italian): then the words' leader stands.
    const francWords = lang ? counts[STOPWORDS.findIndex(([l]) => l === lang)] ?? 0 : 0;
    if (lang && !(francWords === 0 && top >= 2 && top > runnerUp)) return lang;
  }
  return top > 0 ? STOPWORDS[best]![0] : 'und';
}
