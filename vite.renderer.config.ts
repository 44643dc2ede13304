/** Vite config for the React renderer: `renderer/index.html` → `.vite/renderer/main_window`. */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { withProductionCsp } from './src/server/security-headers';

export default defineConfig({
  root: resolve(__dirname, 'renderer'),
  base: './',
  // The built index.html gets the strict policy (no 'unsafe-inline'); dev keeps the meta tag Vite needs.
  plugins: [react(), { name: 'hindsight-production-csp', apply: 'build', transformIndexHtml: (html: string) => withProductionCsp(html) }],
  build: {
    outDir: resolve(__dirname, '.vite/renderer/main_window'),
    emptyOutDir: true,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod ships `@__PURE__` comments in places Rollup ignores; harmless, and noise in every build.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/zod/')) return;
        warn(warning);
      },
    },
  },
});
