/**
 * The word model trained on the repository's labelled corpora (`npm run train` writes
 * word-model.json; a test fails when the file no longer matches what the corpora train).
 */
import data from './word-model.json' with { type: 'json' };
import { WordModel, type WordModelData } from './word-model.ts';

let model: WordModel | undefined;

/** Built on first use: importing the classifier stays cheap for code that never triages. */
export function trainedWordModel(): WordModel {
  model ??= new WordModel(data as WordModelData);
  return model;
}
