import { spawnSync } from 'node:child_process';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { LAMBDA_BUNDLE_PLUGINS } from './bundle-plugins.ts';

/**
 * How every Lambda function is bundled — the one definition that both the CDK function construct
 * (infra/constructs/triage-function.ts, through `bundleFunctionSync`) and the bundle benchmark
 * (bench/bundles.ts) use, so the bench measures exactly what ships.
 *
 * - ESM output (`.mjs`) for Node 22; esbuild's ESM output has no `require`, so the banner gives
 *   CommonJS dependencies one.
 * - `@aws-sdk/*` is bundled, not left to the runtime's copy: only the clients the handler imports
 *   ship, tree-shaken, at the version we tested.
 * - Minified, with an external source map (no sources embedded) that Node applies when
 *   NODE_OPTIONS has --enable-source-maps.
 * - Build-time plugins (infra/bundle-plugins.ts) that drop what these functions can never reach:
 *   they are why this runs esbuild's JS API — the esbuild CLI, which `NodejsFunction` drives,
 *   cannot load plugins.
 */
export const FUNCTION_BUNDLE = {
  target: 'node22',
  platform: 'node',
  format: 'esm',
  outExtension: '.mjs',
  mainFields: ['module', 'main'],
  banner: "import{createRequire}from'node:module';const require=createRequire(import.meta.url);",
  minify: true,
  sourcesContent: false,
  external: [] as string[],
  nodeOptions: '--enable-source-maps',
} as const;

/** Repository root: the project root and lock file the CDK bundler resolves from. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The Lambda handlers this app deploys, relative to the repository root. */
export const FUNCTION_ENTRIES = {
  inboundEmail: 'functions/inbound-email/handler.ts',
  outboxSweep: 'functions/inbound-email/sweep.ts',
  agentApi: 'functions/agent-api/handler.ts',
} as const;

export type FunctionName = keyof typeof FUNCTION_ENTRIES;

/** The file Lambda loads (handler `index.handler`). */
export const BUNDLE_FILE = `index${FUNCTION_BUNDLE.outExtension}`;

/** The bundle as esbuild JS API options. */
export function esbuildOptions(entryPoint: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entryPoint],
    outfile,
    bundle: true,
    target: FUNCTION_BUNDLE.target,
    platform: FUNCTION_BUNDLE.platform,
    format: FUNCTION_BUNDLE.format,
    mainFields: [...FUNCTION_BUNDLE.mainFields],
    banner: { js: FUNCTION_BUNDLE.banner },
    minify: FUNCTION_BUNDLE.minify,
    sourcemap: 'external',
    sourcesContent: FUNCTION_BUNDLE.sourcesContent,
    external: [...FUNCTION_BUNDLE.external],
    plugins: LAMBDA_BUNDLE_PLUGINS,
    absWorkingDir: REPO_ROOT,
    metafile: true,
    logLevel: 'warning',
  };
}

/** Bundles one handler (path absolute or relative to the repository root) into `outDir`/index.mjs (+ .map). */
export async function bundleFunction(entry: string, outDir: string): Promise<Metafile> {
  const entryPath = isAbsolute(entry) ? entry : join(REPO_ROOT, entry);
  const result = await build(esbuildOptions(entryPath, join(outDir, BUNDLE_FILE)));
  return result.metafile!;
}

/**
 * The same, synchronously, for CDK's local bundling hook (which must return before synthesis
 * goes on): a child Node runs this file. esbuild's `buildSync` cannot run plugins.
 */
export function bundleFunctionSync(entry: string, outDir: string): void {
  const result = spawnSync(process.execPath, [...bundleCommand(entry), outDir], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`bundling ${entry} failed (exit ${result.status ?? result.signal})`);
}

/** The Node arguments that bundle `entry` (this file as a script; the output directory follows). */
export function bundleCommand(entry: string): string[] {
  return ['--import', 'tsx', fileURLToPath(import.meta.url), entry];
}

// `node --import tsx infra/bundling.ts <entry> <outDir>`
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [entry, outDir] = process.argv.slice(2);
  if (!entry || !outDir) throw new Error('usage: node --import tsx infra/bundling.ts <entry> <outDir>');
  await bundleFunction(entry, outDir);
}
