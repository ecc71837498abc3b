/**
 * A second, statistical reading of an email: a multinomial naive Bayes over the words (and word
 * pairs) of what the customer wrote, trained on every labelled corpus in the repository
 * (`npm run train`). The rules name problems precisely but only in the phrasings they know; the
 * word model has no phrasing of its own but has read ~1,700 labelled emails in eight languages.
 * Where the rules are unsure it decides the category for the queue, and where it firmly reads
 * something else than a confident rule it holds the article back (see `second-opinion.ts`).
 *
 * Deterministic and offline: the model is a JSON file of counts, read once.
 */
import type { Category } from '../taxonomy.ts';
import type { Evidence } from '../types.ts';
import { normalize, originalSpan, type NormalizedText } from './normalize.ts';

/** The parts of an email the model reads: what the customer says now. Quotes and signatures are left out. */
export interface ModelInput {
  subject: string;
  own: string;
  forwarded: string;
}

type Part = keyof ModelInput;
const PARTS: readonly Part[] = ['subject', 'own', 'forwarded'];

/** The trained counts, as `npm run train` writes them (shared/classify/word-model.json). */
export interface WordModelData {
  format: 1;
  /** The categories, in the order of every count list below. */
  categories: Category[];
  /** Training emails per category. */
  documents: number[];
  /** Per feature, in how many training emails of each category it occurs (sparse: [index, count, …]). */
  features: Record<string, number[]>;
}

export interface WordReading {
  /** The category the words make most likely. */
  category: Category;
  probability: number;
  /** Every category's posterior probability. */
  probabilities: Partial<Record<Category, number>>;
}

/** A feature found in the text: where, so evidence can point at it. */
interface Found {
  feature: string;
  part: Part;
  start: number;
  end: number;
  text: NormalizedText;
}

// Latin words (after normalisation: lower case, no diacritics: a-z, digits, U+00C0–U+024F, with
// inner apostrophes and hyphens), and runs of Japanese script, which has no spaces: there,
// overlapping character pairs are the words. Plain code-unit ranges rather than Unicode script
// properties, walked by hand: the same tokens as a regular expression, without building a string
// for each (reading looks words up by their characters; see `WordModel.read`).
const isLatin = (u: number) => (u >= 97 && u <= 122) || (u >= 48 && u <= 57) || (u >= 0xc0 && u <= 0x24f);
const isDigit = (u: number) => u >= 48 && u <= 57;
const isJapanese = (u: number) => (u >= 0x3040 && u <= 0x30ff) || (u >= 0x3400 && u <= 0x4dbf) || (u >= 0x4e00 && u <= 0x9fff);
const APOSTROPHE = 39;
const HYPHEN = 45;

/**
 * The model's words of a normalised text, in order, as [start, end) spans of it: Latin words
 * and, in Japanese runs, each pair of neighbouring characters (a lone character alone). Runs of
 * four or more digits are left out: dates, order numbers and redacted codes are noise, while
 * short ones ("404", "500") speak. Training, evidence and reading all walk a text through this
 * one function.
 */
export function forEachWord(text: string, visit: (start: number, end: number) => void): void {
  const n = text.length;
  for (let i = 0; i < n; ) {
    const u = text.charCodeAt(i);
    if (isLatin(u)) {
      let allDigits = isDigit(u);
      let j = i + 1;
      for (; j < n; j++) {
        const v = text.charCodeAt(j);
        if (!isLatin(v) && v !== APOSTROPHE && v !== HYPHEN) break;
        if (!isDigit(v)) allDigits = false;
      }
      if (!(allDigits && j - i >= 4)) visit(i, j);
      i = j;
    } else if (isJapanese(u)) {
      let j = i + 1;
      while (j < n && isJapanese(text.charCodeAt(j))) j++;
      if (j - i === 1) visit(i, j);
      for (let p = i; p + 1 < j; p++) visit(p, p + 2);
      i = j;
    } else {
      i++;
    }
  }
}

/**
 * Every feature of one text, in order: single words, then each pair of neighbouring words.
 * Overlapping Japanese character pairs are not paired again: "二つ"+"つ三" would count each
 * character up to four times and make the model overconfident on Japanese mail.
 */
function featuresOf(part: Part, text: NormalizedText, out: Found[]): void {
  const words: Found[] = [];
  forEachWord(text.text, (start, end) => words.push({ feature: text.text.slice(start, end), part, start, end, text }));
  out.push(...words);
  for (let i = 0; i + 1 < words.length; i++) {
    const a = words[i]!;
    const b = words[i + 1]!;
    if (b.start < a.end) continue;
    out.push({ feature: `${a.feature} ${b.feature}`, part, start: a.start, end: b.end, text });
  }
}

/** Each part capped like the rules' reading, so a huge message costs no more than its head. */
const MAX_PART_CHARS = 8_000;

function findFeatures(input: ModelInput): Found[] {
  const found: Found[] = [];
  for (const part of PARTS) {
    const raw = input[part];
    if (raw.trim()) featuresOf(part, normalize(raw.length > MAX_PART_CHARS ? raw.slice(0, MAX_PART_CHARS) : raw), found);
  }
  return found;
}

/** The distinct features of an email: what training counts and reading scores. */
export function modelFeatures(input: ModelInput): Set<string> {
  return new Set(findFeatures(input).map((f) => f.feature));
}

/**
 * Counts, per category, the training emails each feature occurs in. Features seen in fewer than
 * `minDocuments` emails are dropped: a word one author used once says nothing about the next.
 */
export function trainWordModel(
  examples: Iterable<{ input: ModelInput; category: Category }>,
  categories: readonly Category[],
  minDocuments = 2,
): WordModelData {
  const index = new Map(categories.map((c, i) => [c, i]));
  const documents = categories.map(() => 0);
  const counts = new Map<string, number[]>();
  for (const { input, category } of examples) {
    const c = index.get(category);
    if (c === undefined) throw new Error(`unknown category ${category}`);
    documents[c]! += 1;
    for (const feature of modelFeatures(input)) {
      let list = counts.get(feature);
      if (!list) counts.set(feature, (list = categories.map(() => 0)));
      list[c]! += 1;
    }
  }
  const features: Record<string, number[]> = {};
  // Sorted, so the same corpora always give the same file.
  for (const feature of [...counts.keys()].sort()) {
    const list = counts.get(feature)!;
    if (list.reduce((a, b) => a + b, 0) < minDocuments) continue;
    features[feature] = list.flatMap((n, c) => (n > 0 ? [c, n] : []));
  }
  return { format: 1, categories: [...categories], documents, features };
}

/** A power of two at least twice `count`: open-addressing tables stay at most half full. */
function tableSize(count: number): number {
  let size = 16;
  while (size < count * 2) size *= 2;
  return size;
}

/** FNV-1a over the UTF-16 units of text[start, end). */
function spanHash(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const pairHash = (first: number, second: number) => (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b)) >>> 0;

/**
 * Finds a word's row straight from its span in the text, and a pair's row from its two words'
 * rows: reading an email builds no strings. Open addressing with linear probing over typed
 * arrays; a slot holds row + 1 (0 is empty).
 */
class FeatureIndex {
  private readonly wordSlots: Int32Array;
  private readonly pairSlots: Int32Array;
  /** Per pair slot, the first and second word rows it is keyed by. */
  private readonly pairFirst: Int32Array;
  private readonly pairSecond: Int32Array;

  constructor(private readonly names: readonly string[]) {
    const words: number[] = [];
    const pairNames: number[] = [];
    names.forEach((name, row) => (name.includes(' ') ? pairNames : words).push(row));
    this.wordSlots = new Int32Array(tableSize(words.length));
    const wordMask = this.wordSlots.length - 1;
    for (const row of words) {
      const name = names[row]!;
      let slot = spanHash(name, 0, name.length) & wordMask;
      while (this.wordSlots[slot] !== 0) slot = (slot + 1) & wordMask;
      this.wordSlots[slot] = row + 1;
    }
    const pairs: Array<[number, number, number]> = [];
    for (const row of pairNames) {
      const name = names[row]!;
      const space = name.indexOf(' ');
      // A pair seen in two emails has both its words seen there too, so both have rows.
      const first = this.word(name, 0, space);
      const second = this.word(name, space + 1, name.length);
      if (first >= 0 && second >= 0) pairs.push([first, second, row]);
    }
    this.pairSlots = new Int32Array(tableSize(pairs.length));
    this.pairFirst = new Int32Array(this.pairSlots.length);
    this.pairSecond = new Int32Array(this.pairSlots.length);
    const pairMask = this.pairSlots.length - 1;
    for (const [first, second, row] of pairs) {
      let slot = pairHash(first, second) & pairMask;
      while (this.pairSlots[slot] !== 0) slot = (slot + 1) & pairMask;
      this.pairSlots[slot] = row + 1;
      this.pairFirst[slot] = first;
      this.pairSecond[slot] = second;
    }
  }

  /** The row of the word text[start, end), or -1. */
  word(text: string, start: number, end: number): number {
    const mask = this.wordSlots.length - 1;
    const length = end - start;
    for (let slot = spanHash(text, start, end) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.wordSlots[slot]!;
      if (entry === 0) return -1;
      const name = this.names[entry - 1]!;
      if (name.length === length && text.startsWith(name, start)) return entry - 1;
    }
  }

  /** The row of a feature given as a string (a word, or two words and a space), or -1. */
  feature(name: string): number {
    const space = name.indexOf(' ');
    if (space < 0) return this.word(name, 0, name.length);
    const first = this.word(name, 0, space);
    const second = this.word(name, space + 1, name.length);
    return first >= 0 && second >= 0 ? this.pair(first, second) : -1;
  }

  /** The row of the pair of the words in rows `first` and `second`, or -1. */
  pair(first: number, second: number): number {
    const mask = this.pairSlots.length - 1;
    for (let slot = pairHash(first, second) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.pairSlots[slot]!;
      if (entry === 0) return -1;
      if (this.pairFirst[slot] === first && this.pairSecond[slot] === second) return entry - 1;
    }
  }
}

/** Naive Bayes over feature presence (each feature counts once per email), Laplace-smoothed. */
export class WordModel {
  readonly categories: readonly Category[];
  private readonly prior: Float64Array;
  /** Per feature row, its log-likelihood in each category (`categories.length` numbers). */
  private readonly logLikelihood: Float64Array;
  /** Each feature's row: its index in the trained file's feature list. */
  private readonly index: FeatureIndex;
  /** Per row, the last reading that counted it (each feature counts once per email). */
  private readonly counted: Uint32Array;
  private reading = 0;

  constructor(data: WordModelData) {
    const k = data.categories.length;
    this.categories = data.categories;
    const total = data.documents.reduce((a, b) => a + b, 0);
    const names = Object.keys(data.features);
    // Denominator per category: all feature occurrences in its emails, plus the vocabulary size.
    const occurrences = new Float64Array(k);
    for (const name of names) {
      const sparse = data.features[name]!;
      for (let i = 0; i < sparse.length; i += 2) occurrences[sparse[i]!]! += sparse[i + 1]!;
    }
    const denominator = Array.from(occurrences, (n) => Math.log(n + names.length));
    this.prior = Float64Array.from(data.documents, (n) => Math.log((n + 1) / (total + k)));
    // A feature a category never saw.
    const unseen = denominator.map((d) => -d);
    this.logLikelihood = new Float64Array(names.length * k);
    this.counted = new Uint32Array(names.length);
    names.forEach((name, row) => {
      const base = row * k;
      for (let c = 0; c < k; c++) this.logLikelihood[base + c] = unseen[c]!;
      const sparse = data.features[name]!;
      for (let i = 0; i < sparse.length; i += 2) {
        const c = sparse[i]!;
        this.logLikelihood[base + c] = Math.log(sparse[i + 1]! + 1) - denominator[c]!;
      }
    });
    this.index = new FeatureIndex(names);
  }

  /** The reading of an email: the same features `modelFeatures` lists, scored as they are met. */
  read(input: ModelInput): WordReading {
    const score = Float64Array.from(this.prior);
    const stamp = (this.reading = (this.reading % 0xfffffffe) + 1);
    for (const part of PARTS) {
      const raw = input[part];
      if (!raw.trim()) continue;
      const text = normalize(raw.length > MAX_PART_CHARS ? raw.slice(0, MAX_PART_CHARS) : raw).text;
      // The previous word's row: -1 at the start and after a word the model does not know (a
      // pair with an unknown word is never a feature); its end, as overlapping words never pair.
      let previous = -1;
      let previousEnd = 0;
      forEachWord(text, (start, end) => {
        const row = this.index.word(text, start, end);
        if (row >= 0) {
          this.count(row, score, stamp);
          if (previous >= 0 && start >= previousEnd) {
            const pair = this.index.pair(previous, row);
            if (pair >= 0) this.count(pair, score, stamp);
          }
        }
        previous = row;
        previousEnd = end;
      });
    }
    return this.posterior(score);
  }

  /**
   * The reading of a set of feature strings: the plain statement of what `read` computes without
   * building strings (its tests compare the two).
   */
  readFeatures(features: Iterable<string>): WordReading {
    const score = Float64Array.from(this.prior);
    const stamp = (this.reading = (this.reading % 0xfffffffe) + 1);
    for (const feature of features) {
      const row = this.index.feature(feature);
      if (row >= 0) this.count(row, score, stamp);
    }
    return this.posterior(score);
  }

  private count(row: number, score: Float64Array, stamp: number): void {
    if (this.counted[row] === stamp) return;
    this.counted[row] = stamp;
    const k = score.length;
    const base = row * k;
    for (let c = 0; c < k; c++) score[c]! += this.logLikelihood[base + c]!;
  }

  private posterior(score: Float64Array): WordReading {
    const k = this.categories.length;
    let best = 0;
    for (let c = 1; c < k; c++) if (score[c]! > score[best]!) best = c;
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(score[c]! - score[best]!);
    const probabilities: Partial<Record<Category, number>> = {};
    for (let c = 0; c < k; c++) probabilities[this.categories[c]!] = Math.exp(score[c]! - score[best]!) / sum;
    return { category: this.categories[best]!, probability: 1 / sum, probabilities };
  }

  /**
   * The words that speak most for `category` against the rest, as evidence an agent can see
   * highlighted: each feature's log-likelihood ratio against the likeliest other category.
   */
  evidence(input: ModelInput, category: Category, count = 3): Evidence[] {
    const k = this.categories.length;
    const c = this.categories.indexOf(category);
    if (c < 0) return [];
    const seen = new Set<string>();
    const scored: Array<{ found: Found; weight: number }> = [];
    for (const found of findFeatures(input)) {
      if (seen.has(found.feature)) continue;
      seen.add(found.feature);
      const row = this.index.feature(found.feature);
      if (row < 0) continue;
      const base = row * k;
      let rival = -Infinity;
      for (let o = 0; o < k; o++) if (o !== c) rival = Math.max(rival, this.logLikelihood[base + o]!);
      const weight = this.logLikelihood[base + c]! - rival;
      if (weight > 0) scored.push({ found, weight });
    }
    scored.sort((a, b) => b.weight - a.weight);
    // At least e times likelier in this category than in any other: weaker words explain little,
    // so they are shown only when nothing stronger speaks (a decision always carries evidence).
    const strong = scored.filter((s) => s.weight >= 1);
    return (strong.length > 0 ? strong : scored).slice(0, count).map(({ found, weight }) => ({
      phrase: originalSpan(found.text, found.start, found.end).trim(),
      category,
      source: found.part,
      weight: Math.round(weight * 100) / 100,
    }));
  }
}
