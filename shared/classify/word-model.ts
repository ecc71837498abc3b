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

// Latin words (after normalisation: lower case, no diacritics), and runs of Japanese script,
// which has no spaces: there, overlapping character pairs are the words. Plain ranges rather
// than Unicode script properties: the same tokens here, at a fraction of the cost.
const TOKEN = /[a-z0-9\u00c0-\u024f][a-z0-9\u00c0-\u024f'-]*|[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]+/g;
const JAPANESE = /^[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]/;
/** Long digit runs are dates, order numbers and redacted codes: noise. Short ones ("404", "500") speak. */
const LONG_NUMBER = /^\d{4,}$/;

/**
 * The model's words of a normalised text, in order, with their [start, end) in it: Latin words
 * (long numbers left out) and, in Japanese runs, each pair of neighbouring characters. Training,
 * evidence and reading all walk the text through this one function.
 */
function forEachWord(text: string, visit: (word: string, start: number, end: number) => void): void {
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const word = m[0];
    if (JAPANESE.test(word)) {
      if (word.length === 1) visit(word, m.index, m.index + 1);
      for (let i = 0; i + 1 < word.length; i++) visit(word.slice(i, i + 2), m.index + i, m.index + i + 2);
    } else if (!LONG_NUMBER.test(word)) {
      visit(word, m.index, m.index + word.length);
    }
  }
}

/** Every feature of one text, in order: single words, then each pair of neighbouring words. */
function featuresOf(part: Part, text: NormalizedText, out: Found[]): void {
  const words: Found[] = [];
  forEachWord(text.text, (feature, start, end) => words.push({ feature, part, start, end, text }));
  out.push(...words);
  for (let i = 0; i + 1 < words.length; i++) {
    const a = words[i]!;
    const b = words[i + 1]!;
    out.push({ feature: `${a.feature} ${b.feature}`, part, start: a.start, end: b.end, text });
  }
}

/** Rows of a pair's two words combined into one key (fewer than 2^20 features). */
const PAIR_KEY = 2 ** 20;

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

/** Naive Bayes over feature presence (each feature counts once per email), Laplace-smoothed. */
export class WordModel {
  readonly categories: readonly Category[];
  private readonly prior: Float64Array;
  /** Per feature, its log-likelihood in each category (a row of `categories.length`). */
  private readonly rows = new Map<string, number>();
  private readonly logLikelihood: Float64Array;
  /** The log-likelihood of a feature a category never saw. */
  private readonly unseen: Float64Array;
  /**
   * Reading without building feature strings: each word's row, and each pair's row keyed by its
   * two words' rows. A pair seen in two emails has both its words seen there too, so a pair with
   * an unknown word is never a feature.
   */
  private readonly pairRows = new Map<number, number>();
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
    this.unseen = Float64Array.from(denominator, (d) => -d);
    this.logLikelihood = new Float64Array(names.length * k);
    this.counted = new Uint32Array(names.length);
    names.forEach((name, row) => {
      this.rows.set(name, row);
      const base = row * k;
      for (let c = 0; c < k; c++) this.logLikelihood[base + c] = this.unseen[c]!;
      const sparse = data.features[name]!;
      for (let i = 0; i < sparse.length; i += 2) {
        const c = sparse[i]!;
        this.logLikelihood[base + c] = Math.log(sparse[i + 1]! + 1) - denominator[c]!;
      }
    });
    for (const name of names) {
      const space = name.indexOf(' ');
      if (space < 0) continue;
      const first = this.rows.get(name.slice(0, space));
      const second = this.rows.get(name.slice(space + 1));
      if (first !== undefined && second !== undefined) this.pairRows.set(first * PAIR_KEY + second, this.rows.get(name)!);
    }
  }

  /** The same features `modelFeatures` lists, scored as they are met (no strings built for pairs). */
  read(input: ModelInput): WordReading {
    const k = this.categories.length;
    const score = Float64Array.from(this.prior);
    const stamp = (this.reading = (this.reading % 0xfffffffe) + 1);
    for (const part of PARTS) {
      const raw = input[part];
      if (!raw.trim()) continue;
      const text = normalize(raw.length > MAX_PART_CHARS ? raw.slice(0, MAX_PART_CHARS) : raw).text;
      // The previous word's row: -1 at the start, -2 after a word the model does not know.
      let previous = -1;
      forEachWord(text, (word) => {
        previous = this.countWord(word, previous, score, stamp);
      });
    }
    let best = 0;
    for (let c = 1; c < k; c++) if (score[c]! > score[best]!) best = c;
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(score[c]! - score[best]!);
    const probabilities: Partial<Record<Category, number>> = {};
    for (let c = 0; c < k; c++) probabilities[this.categories[c]!] = Math.exp(score[c]! - score[best]!) / sum;
    return { category: this.categories[best]!, probability: 1 / sum, probabilities };
  }

  /** Counts a word and its pair with the previous word; returns the word's row (or -2). */
  private countWord(word: string, previous: number, score: Float64Array, stamp: number): number {
    const row = this.rows.get(word);
    if (row === undefined) return -2;
    this.countRow(row, score, stamp);
    if (previous >= 0) {
      const pair = this.pairRows.get(previous * PAIR_KEY + row);
      if (pair !== undefined) this.countRow(pair, score, stamp);
    }
    return row;
  }

  private countRow(row: number, score: Float64Array, stamp: number): void {
    if (this.counted[row] === stamp) return;
    this.counted[row] = stamp;
    const k = score.length;
    const base = row * k;
    for (let c = 0; c < k; c++) score[c]! += this.logLikelihood[base + c]!;
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
      const row = this.rows.get(found.feature);
      if (row === undefined) continue;
      const base = row * k;
      let rival = -Infinity;
      for (let o = 0; o < k; o++) if (o !== c) rival = Math.max(rival, this.logLikelihood[base + o]!);
      const weight = this.logLikelihood[base + c]! - rival;
      // At least e times likelier in this category than in any other: weaker words explain little.
      if (weight >= 1) scored.push({ found, weight });
    }
    scored.sort((a, b) => b.weight - a.weight);
    return scored.slice(0, count).map(({ found, weight }) => ({
      phrase: originalSpan(found.text, found.start, found.end).trim(),
      category,
      source: found.part,
      weight: Math.round(weight * 100) / 100,
    }));
  }
}
