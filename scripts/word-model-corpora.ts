/**
 * The labelled corpora the word model learns from, read the way triage reads mail: parsed,
 * redacted, quotes and signatures set apart (`classifierInput`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseLabels } from '../shared/eval/evaluate.ts';
import { parseEmail } from '../shared/mail/parse.ts';
import { redactEmail } from '../shared/redact.ts';
import { CATEGORIES, type Category } from '../shared/taxonomy.ts';
import { trainWordModel, type ModelInput, type WordModelData } from '../shared/classify/word-model.ts';
import { classifierInput } from '../shared/classify/classifier-input.ts';
import { WORD_MODEL_FILE } from '../shared/classify/trained-model.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '..');
export const MODEL_FILE = join(REPO_ROOT, 'shared/classify', WORD_MODEL_FILE);
/** The development corpus beside the checkout (../shared/eval/dev). */
export const DEV_CORPUS = resolve(REPO_ROOT, '../shared/eval/dev');

/** Every labelled corpus: the development set (when it is beside the checkout) and each held-out set under test/fixtures. */
export function trainingCorpora(): string[] {
  const fixtures = join(REPO_ROOT, 'test/fixtures');
  const heldOut = readdirSync(fixtures)
    .filter((d) => /^holdout\d*$/.test(d) && existsSync(join(fixtures, d, 'labels.jsonl')))
    .sort((a, b) => Number(a.slice(7) || 0) - Number(b.slice(7) || 0))
    .map((d) => join(fixtures, d));
  return existsSync(join(DEV_CORPUS, 'labels.jsonl')) ? [DEV_CORPUS, ...heldOut] : heldOut;
}

export interface Example {
  corpus: string;
  file: string;
  input: ModelInput;
  category: Category;
}

export async function loadExamples(dir: string): Promise<Example[]> {
  const examples: Example[] = [];
  for (const label of parseLabels(readFileSync(join(dir, 'labels.jsonl'), 'utf8'))) {
    const parsed = await parseEmail(readFileSync(join(dir, label.file)));
    const input = classifierInput(parsed, redactEmail(parsed));
    examples.push({ corpus: basename(dir), file: label.file, input: { subject: input.subject, own: input.own, forwarded: input.forwarded }, category: label.category });
  }
  return examples;
}

export function train(examples: Example[]): WordModelData {
  return trainWordModel(examples, CATEGORIES);
}
