import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';

/**
 * esbuild plugins for the Lambda bundles (infra/bundling.ts). Each one removes code or data the
 * functions cannot reach, or rewrites a module into an equivalent form esbuild can tree-shake;
 * none changes what a reachable line does. test/unit/infra/bundle-plugins.test.ts checks each
 * against the unbundled modules.
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

export const LAMBDA_BUNDLE_PLUGINS: Plugin[] = [sdkSchemaKeys];
