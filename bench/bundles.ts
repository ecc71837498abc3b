/**
 * Lambda bundles: each function bundled exactly as the CDK construct bundles it (the shared
 * FUNCTION_BUNDLE options), its minified size, and how long a fresh Node process takes to import
 * it compared with a bare Node start measured in the same run (interleaved, median of N).
 *
 *   npx tsx bench/bundles.ts            (BENCH_BUNDLE_RUNS=N to change the repetitions, default 21;
 *                                        BENCH_BUNDLE_PROFILE=1 adds where each import's time goes)
 *
 * Targets (issue 4): inbound handler ≤ 500 KB minified; its import adds ≤ 60 ms over bare Node.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { esbuildOptions, FUNCTION_BUNDLE, FUNCTION_ENTRIES, REPO_ROOT, type FunctionName } from '../infra/bundling.ts';

const TARGETS: Partial<Record<FunctionName, { maxKb: number; maxLoadMs: number }>> = {
  inboundEmail: { maxKb: 500, maxLoadMs: 60 },
};

/**
 * The environment the functions get in Lambda (names as infra/ sets them; values are stand-ins —
 * nothing is called at import). Handlers read config lazily, so this only matters if one reads
 * it at import time, which should then be measured too.
 */
const LAMBDA_LIKE_ENV: Record<string, string> = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  TABLE_NAME: 'bench-tickets',
  RAW_MAIL_BUCKET: 'bench-raw-mail',
  RAW_MAIL_PREFIX: 'inbound/',
  SUPPORT_ADDRESS: 'support@kdp.example.com',
  SUPPORT_FROM_NAME: 'KDP Support',
  POWERTOOLS_SERVICE_NAME: 'kdp-triage',
  POWERTOOLS_METRICS_NAMESPACE: 'KdpTriage',
  AUTH_MODE: 'cognito',
  AGENTS_GROUP: 'agents',
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Wall time of one fresh `node` running `code` as an ES module, in ms. */
function timeNode(code: string): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    [FUNCTION_BUNDLE.nodeOptions, '--input-type=module', '-e', code],
    { env: { PATH: process.env.PATH ?? '', ...LAMBDA_LIKE_ENV }, encoding: 'utf8' },
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`node -e ${JSON.stringify(code)} failed:\n${result.stderr}`);
  return ms;
}

function largestInputs(metafile: Metafile, count: number): string {
  const byPackage = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
      const key = match ? match[1]! : path.split('/').slice(0, 2).join('/');
      byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
    }
  }
  return [...byPackage.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(0)} KB`)
    .join(', ');
}

/**
 * Where import time goes: the same bundle unminified (esbuild marks each module with a
 * `// path` comment), imported once under `--cpu-prof`, self time summed per package or file.
 */
async function profileImport(name: FunctionName, entryPath: string, outDir: string): Promise<string> {
  const dir = join(outDir, `${name}-profile`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `index${FUNCTION_BUNDLE.outExtension}`);
  await build({ ...esbuildOptions(entryPath, file), minify: false, sourcemap: false, metafile: false });
  const marks: [number, string][] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const m = /^\/\/ (\S*[/.]\S*)$/.exec(line);
      if (m) marks.push([i, m[1]!]);
    });
  const moduleAt = (line: number): string => {
    let found = '(esbuild runtime)';
    for (const [start, path] of marks) {
      if (start > line) break;
      found = path;
    }
    return /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(found)?.[1] ?? found;
  };
  const result = spawnSync(
    process.execPath,
    ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', dir, '--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(file).href)})`],
    { env: { PATH: process.env.PATH ?? '', ...LAMBDA_LIKE_ENV }, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(result.stderr);
  const profileFile = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!;
  const profile = JSON.parse(readFileSync(join(dir, profileFile), 'utf8')) as {
    nodes: { id: number; callFrame: { url: string; lineNumber: number; functionName: string } }[];
    samples: number[];
    timeDeltas: number[];
  };
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const selfMs = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id)!;
    const key = frame.url.endsWith(FUNCTION_BUNDLE.outExtension)
      ? moduleAt(frame.lineNumber)
      : frame.url
        ? `node:${frame.url.split('/').slice(-2).join('/')}`
        : `(${frame.functionName || 'program'})`;
    selfMs.set(key, (selfMs.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...selfMs.values()].reduce((a, b) => a + b, 0);
  const top = [...selfMs.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
  return `${total.toFixed(0)} ms profiled: ${top.map(([k, ms]) => `${k} ${((ms / total) * 100).toFixed(0)}%`).join(', ')}`;
}

export async function benchBundles(): Promise<void> {
  const runs = Number(process.env.BENCH_BUNDLE_RUNS ?? 21);
  const outDir = join(REPO_ROOT, '.cache', 'bench-bundles');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  console.log(`\n## Lambda bundles (esbuild ${FUNCTION_BUNDLE.format}, ${FUNCTION_BUNDLE.target}, minified; ${runs} runs, median)`);
  console.log(`Node ${process.version} here; Lambda runs Node 22 on arm64. Load = fresh \`node ${FUNCTION_BUNDLE.nodeOptions}\` importing the bundle.`);

  const bundles: { name: FunctionName; file: string; kb: number; top: string }[] = [];
  for (const [name, entry] of Object.entries(FUNCTION_ENTRIES) as [FunctionName, string][]) {
    const entryPath = join(REPO_ROOT, entry);
    if (!existsSync(entryPath)) {
      console.log(`${name}: ${entry} does not exist yet — skipped`);
      continue;
    }
    const file = join(outDir, name, `index${FUNCTION_BUNDLE.outExtension}`);
    const result = await build(esbuildOptions(entryPath, file));
    bundles.push({
      name,
      file,
      kb: statSync(file).size / 1024,
      top: largestInputs(result.metafile!, 5),
    });
  }

  // Interleave bare starts and imports so drift on this shared machine hits both alike.
  const bare: number[] = [];
  const loads = new Map<FunctionName, number[]>(bundles.map((b) => [b.name, []]));
  timeNode(''); // warm the file cache
  for (let i = 0; i < runs; i++) {
    bare.push(timeNode(''));
    for (const bundle of bundles) {
      loads.get(bundle.name)!.push(timeNode(`await import(${JSON.stringify(pathToFileURL(bundle.file).href)})`));
    }
  }
  const bareMs = median(bare);

  console.log(`\n| function | bundle (min.) | load (median) | bare node | load adds | target |`);
  console.log(`|---|---:|---:|---:|---:|---|`);
  for (const bundle of bundles) {
    const loadMs = median(loads.get(bundle.name)!);
    const adds = loadMs - bareMs;
    const target = TARGETS[bundle.name];
    const verdict = target
      ? `≤ ${target.maxKb} KB ${bundle.kb <= target.maxKb ? 'met' : 'MISSED'}, ≤ ${target.maxLoadMs} ms ${adds <= target.maxLoadMs ? 'met' : 'MISSED'}`
      : '—';
    console.log(
      `| ${bundle.name} | ${bundle.kb.toFixed(1)} KB | ${loadMs.toFixed(1)} ms | ${bareMs.toFixed(1)} ms | +${adds.toFixed(1)} ms (×${(loadMs / bareMs).toFixed(2)}) | ${verdict} |`,
    );
  }
  for (const bundle of bundles) console.log(`- ${bundle.name} largest inputs: ${bundle.top}`);
  if (process.env.BENCH_BUNDLE_PROFILE) {
    for (const bundle of bundles) {
      console.log(`- ${bundle.name} import time by module: ${await profileImport(bundle.name, join(REPO_ROOT, FUNCTION_ENTRIES[bundle.name]), outDir)}`);
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchBundles();
}
