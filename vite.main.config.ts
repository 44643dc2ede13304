/** Vite config for Electron's main process (Forge merges it over its own main-process defaults). */
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    rollupOptions: {
      // NOTE: a native addon cannot be bundled; it is loaded from node_modules (unpacked from the asar).
      // playwright-core (PDF export outside Electron) is loaded lazily from node_modules; Electron prints with printToPDF.
      external: ['better-sqlite3', 'playwright-core'],
      onwarn(warning, warn) {
        // zod ships `@__PURE__` comments in places Rollup ignores; harmless, and noise in every build.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/zod/')) return;
        warn(warning);
      },
    },
  },
});
