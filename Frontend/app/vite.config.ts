/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress.ts';
import { preloadDynamicChunks } from './build/preloadDynamicChunks.ts';

const outDir = fileURLToPath(new URL('../wwwroot', import.meta.url));

export default defineConfig({
  plugins: [react(), preloadDynamicChunks(['/src/startApp.tsx']), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    // Hashed names under /assets/ are what the host caches as immutable.
    assetsDir: 'assets',
    sourcemap: false,
    target: 'es2022',
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 800,
  },
  worker: { format: 'es' },
  server: {
    // `npm run dev` against a gateway (or StreamApi) on this machine: DEV_BACKEND=http://127.0.0.1:5000
    proxy: process.env.DEV_BACKEND
      ? Object.fromEntries(['/stream', '/runs', '/metrics', '/checkpoints', '/api', '/app-config.json'].map((p) => [p, { target: process.env.DEV_BACKEND }]))
      : undefined,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
