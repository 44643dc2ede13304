#!/usr/bin/env node
/**
 * `npm run build`: builds Forge's Vite bundles exactly as `electron-forge package` would (same plugin
 * config, same generated Vite configs, production mode) without launching or downloading Electron:
 * `.vite/build/{main,preload,parse-worker,fleet-worker,lod-worker}.js` and `.vite/renderer/main_window/`. Prints every file it wrote.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, loadConfigFromFile } from 'vite';

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const baseDir = join(projectDir, '.vite');

async function loadVitePlugin() {
  // Vite's config loader compiles forge.config.ts the way it compiles vite.*.config.ts files.
  const loaded = await loadConfigFromFile({ command: 'build', mode: 'production' }, join(projectDir, 'forge.config.ts'), projectDir, 'silent');
  const forgeConfig = loaded?.config;
  const plugin = forgeConfig?.plugins?.find((candidate) => candidate?.name === 'vite');
  if (!plugin) throw new Error('forge.config.ts has no VitePlugin; nothing to build.');
  // The same state Forge's prePackage hook sets before building.
  plugin.setDirectories(projectDir);
  plugin.isProd = true;
  return plugin;
}

function listFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out;
}

async function main() {
  const startedMs = Date.now();
  const plugin = await loadVitePlugin();
  rmSync(baseDir, { recursive: true, force: true });
  const buildConfigs = await plugin.configGenerator.getBuildConfigs();
  const rendererConfigs = await plugin.configGenerator.getRendererConfig();
  for (const userConfig of [...buildConfigs, ...rendererConfigs]) {
    await build({ configFile: false, logLevel: 'warn', ...userConfig });
  }
  const files = listFiles(baseDir).sort();
  for (const file of files) {
    const sizeKiB = statSync(file).size / 1024;
    console.log(`  ${relative(projectDir, file).padEnd(60)} ${sizeKiB.toFixed(1).padStart(9)} KiB`);
  }
  const required = ['.vite/build/main.js', '.vite/build/preload.js', '.vite/build/parse-worker.js', '.vite/build/fleet-worker.js', '.vite/build/lod-worker.js', '.vite/renderer/main_window/index.html'];
  const missing = required.filter((file) => !files.includes(join(projectDir, file)));
  if (missing.length > 0) throw new Error(`The build finished without ${missing.join(', ')}.`);
  console.log(`Built ${files.length} files (main, preload, parse, fleet and LOD workers, renderer) into .vite/ in ${((Date.now() - startedMs) / 1000).toFixed(1)} s.`);
}

main().catch((err) => {
  console.error(`Build failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
