import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { OutputFormat, SourceMapMode, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';

/**
 * How every Lambda function is bundled — the one definition that both the CDK function construct
 * (infra/constructs/triage-function.ts) and the bundle benchmark (bench/bundles.ts) read, so the
 * bench measures exactly what ships.
 *
 * - ESM output (`.mjs`) for Node 22; esbuild's ESM output has no `require`, so the banner gives
 *   CommonJS dependencies one.
 * - `@aws-sdk/*` is bundled, not left to the runtime's copy: only the clients the handler imports
 *   ship, tree-shaken, at the version we tested.
 * - Minified, with an external source map (no sources embedded) that Node applies when
 *   NODE_OPTIONS has --enable-source-maps.
 */
export const FUNCTION_BUNDLE = {
  target: 'node22',
  platform: 'node',
  format: 'esm',
  outExtension: '.mjs',
  mainFields: ['module', 'main'],
  banner: "import{createRequire}from'node:module';const require=createRequire(import.meta.url);",
  minify: true,
  sourceMap: true,
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

/** The CDK `NodejsFunction` bundling options for FUNCTION_BUNDLE (local esbuild, no Docker). */
export function cdkBundling(): BundlingOptions {
  return {
    forceDockerBundling: false,
    target: FUNCTION_BUNDLE.target,
    format: OutputFormat.ESM,
    mainFields: [...FUNCTION_BUNDLE.mainFields],
    banner: FUNCTION_BUNDLE.banner,
    minify: FUNCTION_BUNDLE.minify,
    sourceMap: FUNCTION_BUNDLE.sourceMap,
    sourceMapMode: SourceMapMode.EXTERNAL,
    sourcesContent: FUNCTION_BUNDLE.sourcesContent,
    externalModules: [...FUNCTION_BUNDLE.external],
  };
}

/** The same bundle as esbuild JS API options (for the benchmark). */
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
    metafile: true,
    logLevel: 'warning',
  };
}
