/**
 * `npm run train`: trains the word model on every labelled corpus and writes
 * shared/classify/word-model.json. `--exclude holdout19,holdout20` leaves corpora out (to run
 * a new corpus unseen first).
 */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { loadExamples, MODEL_FILE, train, trainingCorpora } from './word-model-corpora.ts';

const { values } = parseArgs({ options: { exclude: { type: 'string', default: '' }, out: { type: 'string', default: MODEL_FILE } } });
const excluded = new Set(values.exclude.split(',').filter(Boolean));
const corpora = trainingCorpora().filter((dir) => !excluded.has(basename(dir)));
const examples = (await Promise.all(corpora.map(loadExamples))).flat();
const model = train(examples);
writeFileSync(values.out, `${JSON.stringify(model)}\n`);
console.log(
  `word model: ${examples.length} emails from ${corpora.length} corpora (${corpora.map((d) => basename(d)).join(', ')}), ` +
    `${Object.keys(model.features).length} features → ${values.out}`,
);
