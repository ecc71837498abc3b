// Bundles the library entry (package.json exports ".") to dist/ with esbuild; the word model's
// counts go beside it (read at first use, see shared/classify/trained-model.ts).
import { build } from 'esbuild';
import { filesBeside } from '../infra/bundle-plugins.ts';

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
  plugins: [filesBeside],
});
