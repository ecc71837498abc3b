import { copyFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';
import { FRANC_LANGUAGES } from '../shared/classify/language.ts';
import { WORD_MODEL_FILE } from '../shared/classify/trained-model.ts';

/**
 * esbuild plugins for the Lambda bundles (infra/bundling.ts). Each one removes code or data the
 * functions cannot reach, rewrites a module into an equivalent form esbuild can tree-shake, or
 * puts beside the bundle a data file a bundled module reads; none changes what a reachable line
 * does. test/unit/infra/bundle-plugins.test.ts checks each rewrite against the unbundled modules;
 * the files put beside a bundle are checked on the synthesized assets (test/unit/infra/stacks.test.ts)
 * and read by the bundled handler (test/integration/lambda-bundle.test.ts).
 */

/**
 * AWS SDK v3 clients describe every operation of their service as schema arrays in
 * `schemas/schemas_0.js` (S3: ~480 of them). Most carry traits as `{ [_hH]: "x-amz-…" }`, a
 * computed key naming a module-level string constant; esbuild must assume a computed key can
 * run code (a `toString`), so it keeps every schema, used or not. Writing those keys as the
 * string literals the constants hold makes the schemas plain data, and the unused ones go.
 * Only `const _x = "…";` constants with no escapes are inlined, and never `__proto__` (a
 * literal `__proto__` key sets the prototype instead of a property).
 */
export const sdkSchemaKeys: Plugin = {
  name: 'sdk-schema-keys',
  setup(build) {
    build.onLoad({ filter: /[\\/]@aws-sdk[\\/].*[\\/]schemas[\\/]schemas_\d+\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const strings = new Map<string, string>();
      for (const [, name, literal] of source.matchAll(/^const (_\w+) = ("[^"\\\n]*");$/gm)) {
        if (literal !== '"__proto__"') strings.set(name!, literal!);
      }
      const contents = source.replace(/\[(_\w+)\]:/g, (key, name: string) => {
        const literal = strings.get(name);
        return literal === undefined ? key : `${literal}:`;
      });
      return { contents, loader: 'js' };
    });
  },
};


/**
 * franc-min ships trigram models for 82 languages (~165 KB) and turns all of them into lookup
 * tables at import. We only ever call it with `only` = FRANC_LANGUAGES, and franc drops every
 * other language before it looks at a model (filterLanguages), so the data module is loaded
 * with just those models. Every script key stays, even when none of its languages is left: franc
 * picks the text's script first, and an empty script still answers `und` exactly as a filtered
 * one does.
 */
export function francTrigrams(languages: readonly string[]): Plugin {
  const keep = new Set(languages);
  return {
    name: 'franc-trigrams',
    setup(build) {
      build.onLoad({ filter: /[\\/]franc-min[\\/]data\.js$/ }, async (args) => {
        const { data } = (await import(pathToFileURL(args.path).href)) as { data: Record<string, Record<string, string>> };
        const kept = Object.fromEntries(
          Object.entries(data).map(([script, models]) => [script, Object.fromEntries(Object.entries(models).filter(([code]) => keep.has(code)))]),
        );
        return { contents: `export const data = ${JSON.stringify(kept)};\n`, loader: 'js' };
      });
    },
  };
}

/**
 * The SDK clients' default credential chain, replaced by the environment link it settles on in
 * Lambda (infra/lambda/env-credentials.ts says why that is the same provider there).
 */
export const lambdaCredentials: Plugin = {
  name: 'lambda-credentials',
  setup(build) {
    const path = fileURLToPath(new URL('./lambda/env-credentials.ts', import.meta.url));
    build.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, () => ({ path }));
  },
};

/**
 * Two nodemailer modules that shared/reply/compose-reply.ts can never reach, each replaced by a
 * module that throws if called. `mime-funcs/mime-types.js` (a ~1,000-entry table, ~74 KB, built
 * into Maps at import) is only consulted for an attachment or alternative without a content
 * type, or a node with a filename; `fetch/index.js` (with cookies, http/https/zlib) only loads
 * content given by `href`. composeReply passes MailComposer text and html strings, which get
 * their content types set, and nothing else (ReplyInput has no attachments): a reply that ever
 * needs either would fail loudly here, and in the bundle test, rather than differ quietly.
 */
export const nodemailerUnreachable: Plugin = {
  name: 'nodemailer-unreachable',
  setup(build) {
    const why = 'is left out of the Lambda bundles (infra/bundle-plugins.ts): compose-reply never passes attachments, alternatives or hrefs';
    build.onLoad({ filter: /[\\/]nodemailer[\\/]dist[\\/]esm[\\/]mime-funcs[\\/]mime-types\.js$/ }, () => ({
      contents: `const fail = () => { throw new Error(${JSON.stringify(`nodemailer's MIME type table ${why}`)}); };\nexport const detectMimeType = fail;\nexport const detectExtension = fail;\n`,
      loader: 'js',
    }));
    build.onLoad({ filter: /[\\/]nodemailer[\\/]dist[\\/]esm[\\/]fetch[\\/]index\.js$/ }, () => ({
      contents: `export default function nmfetch() { throw new Error(${JSON.stringify(`nodemailer's URL fetch ${why}`)}); }\n`,
      loader: 'js',
    }));
  },
};

/**
 * Each SDK client imports its whole package.json (~2 KB: scripts, dependencies…) to read
 * `packageInfo.version` for the user agent; only the name and version are kept.
 */
export const sdkPackageVersion: Plugin = {
  name: 'sdk-package-version',
  setup(build) {
    build.onLoad({ filter: /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]package\.json$/ }, async (args) => {
      const { name, version } = JSON.parse(await readFile(args.path, 'utf8')) as { name: string; version: string };
      return { contents: JSON.stringify({ name, version }), loader: 'json' };
    });
  },
};

/**
 * Data files modules read beside themselves at run time (`new URL('./file', import.meta.url)`,
 * which esbuild leaves as it is): when such a module is in a bundle, its file is copied next to
 * the bundle, where the same URL then points.
 */
const FILES_BESIDE: ReadonlyArray<{ module: string; file: string }> = [
  { module: 'shared/classify/trained-model.ts', file: `shared/classify/${WORD_MODEL_FILE}` },
];

export const filesBeside: Plugin = {
  name: 'files-beside',
  setup(build) {
    const root = build.initialOptions.absWorkingDir ?? process.cwd();
    const outfile = build.initialOptions.outfile;
    if (!outfile) throw new Error('files-beside needs an outfile');
    build.initialOptions.metafile = true;
    build.onEnd((result) => {
      // Nothing written (write: false), nothing to put beside it.
      if (result.errors.length > 0 || !result.metafile || build.initialOptions.write === false) return;
      const inputs = Object.keys(result.metafile.inputs);
      for (const { module, file } of FILES_BESIDE) {
        if (inputs.includes(module)) copyFileSync(join(root, file), join(dirname(outfile), file.split('/').pop()!));
      }
    });
  },
};

export const LAMBDA_BUNDLE_PLUGINS: Plugin[] = [
  sdkSchemaKeys,
  sdkPackageVersion,
  francTrigrams(FRANC_LANGUAGES),
  lambdaCredentials,
  nodemailerUnreachable,
  filesBeside,
];
