// Bundles the library entry (package.json exports ".") to dist/ with esbuild.
import { build } from 'esbuild';

await build({
  entryPoints: ['shared/index.ts'],
  outfile: 'dist/index.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
