/**
 * The word model trained on the repository's labelled corpora (`npm run train` writes
 * word-model.json; a test fails when the file no longer matches what the corpora train).
 */
import { readFileSync } from 'node:fs';
import { WordModel, type WordModelData } from './word-model.ts';

/**
 * The counts, read as a file beside this module rather than imported: bundled as code, ~750 KB
 * of object literal made every cold start compile it (the inbound bundle's import took ≈ 40 ms
 * longer) whether or not a message was triaged; JSON.parse at the first triage is cheaper. Every
 * bundle that holds this module gets the file copied beside it (`filesBeside` in
 * infra/bundle-plugins.ts, used by the Lambda bundles and scripts/build-lib.ts).
 */
export const WORD_MODEL_FILE = 'word-model.json';

let model: WordModel | undefined;

/** Built on first use. */
export function trainedWordModel(): WordModel {
  model ??= new WordModel(JSON.parse(readFileSync(new URL(`./${WORD_MODEL_FILE}`, import.meta.url), 'utf8')) as WordModelData);
  return model;
}
