/** Vite config for the sandboxed preload (Forge merges it over its own preload defaults: one CJS file). */
import { defineConfig } from 'vite';

export default defineConfig({});
