import * as z from 'zod';
import { CATEGORIES, CategorySchema, type Category } from '../taxonomy.ts';

/** One line of a `labels.jsonl` file (the format of the evaluation corpora). */
export const LabelSchema = z.object({
  file: z.string().min(1),
  category: CategorySchema,
  secondary: z.array(CategorySchema).default([]),
  autoReply: z.boolean(),
  notes: z.string().optional(),
});
export type Label = z.infer<typeof LabelSchema>;

export interface Prediction {
  file: string;
  category: Category;
  /** The classifier's confidence that `category` is right, in [0, 1]. */
  confidence: number;
  autoReply: boolean;
  automated: boolean;
  language: string;
}

export interface CategoryStats {
  category: Category;
  support: number;
  predicted: number;
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Confidence bands of the calibration table. A reply needs 0.8 by default, so the bands above it
 * are narrower: that is where "how often is a confident answer right" decides replies.
 */
export const CONFIDENCE_BANDS = [0, 0.2, 0.4, 0.6, 0.8, 0.9, 1] as const;

/** Emails whose confidence fell in [from, to) (the last band includes 1). */
export interface CalibrationBand {
  from: number;
  to: number;
  total: number;
  correct: number;
  /** correct / total: of a calibrated classifier, close to meanConfidence. */
  accuracy: number;
  meanConfidence: number;
}

export interface EvalReport {
  total: number;
  correct: number;
  accuracy: number;
  macroF1: number;
  perCategory: CategoryStats[];
  /** confusion[expected][predicted] = count */
  confusion: Record<Category, Record<Category, number>>;
  perLanguage: Array<{ language: string; total: number; correct: number; accuracy: number }>;
  /** Replies sent. */
  replies: number;
  /** Replies whose label allows one and whose category is right. */
  rightReplies: number;
  /** rightReplies / replies (1 when nothing was sent). */
  autoReplyPrecision: number;
  /** Emails whose label allows a reply. */
  replyable: number;
  /** Replyable emails that got a reply with the right category, over replyable. */
  coverage: number;
  /** Replies to messages our detector says a machine wrote (must be 0). */
  machineReplies: number;
  /** Files that got a reply they should not have (wrong category, or the label forbids one). */
  wrongReplies: string[];
  /** Files whose label forbids a reply but the category was right (for reading). */
  missed: string[];
  /** How often the category is right at each confidence: whether a threshold means something. */
  calibration: CalibrationBand[];
  /** Mean of (confidence − right)², right being 1 or 0: 0 is perfect, always saying 0.5 scores 0.25. */
  brier: number;
  /** Weighted mean gap between each band's accuracy and its mean confidence. */
  calibrationError: number;
}

const ratio = (a: number, b: number, empty = 0) => (b === 0 ? empty : a / b);

/** Scores predictions against labels. Pure: the CLI and the tests print or check the result. */
export function evaluate(labels: Label[], predictions: Prediction[]): EvalReport {
  const byFile = new Map(predictions.map((p) => [p.file, p]));
  const confusion = Object.fromEntries(
    CATEGORIES.map((e) => [e, Object.fromEntries(CATEGORIES.map((p) => [p, 0]))]),
  ) as Record<Category, Record<Category, number>>;
  const languages = new Map<string, { total: number; correct: number }>();
  let correct = 0;
  let replies = 0;
  let rightReplies = 0;
  let replyable = 0;
  let covered = 0;
  let machineReplies = 0;
  const wrongReplies: string[] = [];
  const missed: string[] = [];
  const bands = CONFIDENCE_BANDS.slice(0, -1).map((from, i) => ({ from, to: CONFIDENCE_BANDS[i + 1]!, total: 0, correct: 0, sum: 0 }));
  let squaredError = 0;

  for (const label of labels) {
    const p = byFile.get(label.file);
    if (!p) throw new Error(`no prediction for ${label.file}`);
    confusion[label.category][p.category] += 1;
    const right = p.category === label.category;
    if (right) correct += 1;
    const confidence = Math.min(1, Math.max(0, p.confidence));
    const band = bands.find((b) => confidence < b.to) ?? bands[bands.length - 1]!;
    band.total += 1;
    band.sum += confidence;
    if (right) band.correct += 1;
    squaredError += (confidence - (right ? 1 : 0)) ** 2;
    const lang = languages.get(p.language) ?? { total: 0, correct: 0 };
    lang.total += 1;
    if (right) lang.correct += 1;
    languages.set(p.language, lang);
    if (label.autoReply) replyable += 1;
    if (p.autoReply) {
      replies += 1;
      if (p.automated) machineReplies += 1;
      if (label.autoReply && right) rightReplies += 1;
      else wrongReplies.push(label.file);
    }
    if (label.autoReply && p.autoReply && right) covered += 1;
    if (label.autoReply && !p.autoReply && right) missed.push(label.file);
  }

  const perCategory = CATEGORIES.map((category): CategoryStats => {
    const support = CATEGORIES.reduce((n, p) => n + confusion[category][p], 0);
    const predicted = CATEGORIES.reduce((n, e) => n + confusion[e][category], 0);
    const tp = confusion[category][category];
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { category, support, predicted, precision, recall, f1 };
  });
  const present = perCategory.filter((c) => c.support > 0 || c.predicted > 0);
  const calibration = bands.map(({ from, to, total, correct: right, sum }) => ({
    from,
    to,
    total,
    correct: right,
    accuracy: ratio(right, total),
    meanConfidence: ratio(sum, total),
  }));

  return {
    total: labels.length,
    correct,
    accuracy: ratio(correct, labels.length),
    macroF1: ratio(present.reduce((s, c) => s + c.f1, 0), present.length),
    perCategory,
    confusion,
    perLanguage: [...languages]
      .map(([language, v]) => ({ language, ...v, accuracy: ratio(v.correct, v.total) }))
      .sort((a, b) => b.total - a.total),
    replies,
    rightReplies,
    autoReplyPrecision: ratio(rightReplies, replies, 1),
    replyable,
    coverage: ratio(covered, replyable, 1),
    machineReplies,
    wrongReplies,
    missed,
    calibration,
    brier: ratio(squaredError, labels.length),
    calibrationError: ratio(
      calibration.reduce((s, b) => s + b.total * Math.abs(b.accuracy - b.meanConfidence), 0),
      labels.length,
    ),
  };
}

/** Reads a labels.jsonl text; each bad line is reported with its number. */
export function parseLabels(text: string): Label[] {
  return text
    .split(/\r?\n/)
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, n }) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (cause) {
        throw new Error(`labels.jsonl line ${n}: not JSON`, { cause });
      }
      const parsed = LabelSchema.safeParse(json);
      if (!parsed.success) throw new Error(`labels.jsonl line ${n}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
      return parsed.data;
    });
}
