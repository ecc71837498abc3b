// `npm run bench`: every benchmark of the project, each printing its figures beside a baseline
// measured in the same run. Pass names to run some: `npm run bench -- classify bundles`.
import { benchBundles } from './bundles.ts';
import { benchClassify } from './classify.ts';
import { benchPipeline } from './pipeline.ts';
import { benchWeb } from './web.ts';

const ALL: Record<string, () => Promise<void>> = {
  classify: benchClassify,
  bundles: benchBundles,
  pipeline: benchPipeline,
  web: benchWeb,
};

const wanted = process.argv.slice(2).filter((a) => a !== '--');
const unknown = wanted.filter((w) => !(w in ALL));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${Object.keys(ALL).join(', ')}`);
  process.exit(2);
}
console.log(`kdp-triage benchmarks on ${process.platform}/${process.arch}, Node ${process.version}`);
for (const [name, run] of Object.entries(ALL)) {
  if (wanted.length && !wanted.includes(name)) continue;
  await run();
}
