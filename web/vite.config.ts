import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The agents' page. `npm run build:web` writes web/dist (served by the local agent server and,
// deployed, by S3 + CloudFront); `npm run dev:web` proxies /api to a running `npm start`.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  cacheDir: fileURLToPath(new URL('../.cache/vite', import.meta.url)),
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 400,
  },
  server: {
    proxy: { '/api': process.env.AGENT_API_URL ?? 'http://127.0.0.1:3000' },
  },
});
