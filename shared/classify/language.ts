import { franc } from 'franc-min';
import type { Language } from '../taxonomy.ts';

/** franc's ISO 639-3 codes for the languages customers write in, mapped to ISO 639-1. */
const ISO3_TO_1: Record<string, Language> = {
  eng: 'en', deu: 'de', fra: 'fr', spa: 'es', ita: 'it', por: 'pt', nld: 'nl', jpn: 'ja',
};
const ONLY = Object.keys(ISO3_TO_1);

// Kana only occurs in Japanese; franc needs more text than a short Japanese line gives it.
const KANA = /[\u3040-\u30ff]/;

// Short texts defeat trigram statistics; common function words settle them.
const words = (list: string) => new RegExp(`(?<!\\p{L})(?:${list})(?!\\p{L})`, 'gu');
const STOPWORDS: Array<[Language, RegExp]> = [
  ['en', words("the|and|my|is|can't|cant|not|to|i|it|with|help|account|have|this|what|how")],
  ['de', words('ich|nicht|und|mein|meine|ist|das|der|die|mit|kann|bitte|konto|habe|ein|eine|wie|auf')],
  ['fr', words("je|ne|pas|mon|ma|mes|est|le|la|les|avec|compte|et|bonjour|j'ai|une|un|mais|pour|plus")],
  ['es', words('no|mi|mis|el|la|los|puedo|con|cuenta|y|es|hola|por|tengo|que|una|del|sé|qué|cuál|me')],
  ['it', words('non|il|mio|mia|con|sono|riesco|è|della|ciao|per|grazie|ho|uno|gli|che|mi|stessa|accedere')],
  ['pt', words('não|nao|meu|minha|com|conta|o|os|consigo|olá|obrigado|obrigada|tenho|uma|do|da|é|você|está')],
  ['nl', words('ik|niet|mijn|het|een|en|met|kan|de|is|inloggen|bedankt|heb|wordt|op|van|dat')],
];

/** The language of a customer's text (ISO 639-1), or `und` when there is nothing to tell by. */
export function detectLanguage(text: string): Language | 'und' {
  const sample = text.slice(0, 1500);
  if (KANA.test(sample)) return 'ja';
  const letters = sample.replace(/[^\p{L}\s']/gu, ' ').replace(/\s+/g, ' ').trim();
  if (letters.length === 0) return 'und';
  const lower = letters.toLowerCase();
  const counts = STOPWORDS.map(([lang, re]) => ({ lang, n: lower.match(re)?.length ?? 0 })).sort((x, y) => y.n - x.n);
  const [first, second] = counts;
  const clearByWords = first !== undefined && first.n >= 2 && first.n >= 2 * (second?.n ?? 0);
  // Trigram statistics need text; on a line or two, function words tell more.
  if (letters.length >= 40 && !(clearByWords && first.n >= 4)) {
    const code = franc(letters, { only: ONLY, minLength: 10 });
    const lang = ISO3_TO_1[code];
    if (lang) return lang;
  }
  return first && first.n > 0 ? first.lang : 'und';
}
