/**
 * The word model trained on the repository's labelled corpora (`npm run train` writes
 * word-model.json; a test fails when the file no longer matches what the corpora train).
 */
import { readFileSync } from 'node:fs';
import { WordModel, type WordModelData } from './word-model.ts';

/**
 * The counts, read as a file beside this module rather than imported: ~750 KB of JSON parses
 * several times faster with JSON.parse than as a module's object literal, and only when a message
 * is first triaged, so importing the classifier (or a Lambda bundle) stays cheap. Every bundle
 * that holds this module gets the file copied beside it (infra/bundle-plugins.ts, scripts/build-lib.mjs).
 */
export const WORD_MODEL_FILE = 'word-model.json';

let model: WordModel | undefined;

/** Built on first use. */
export function trainedWordModel(): WordModel {
  model ??= new WordModel(JSON.parse(readFileSync(new URL(`./${WORD_MODEL_FILE}`, import.meta.url), 'utf8')) as WordModelData);
  return model;
}
