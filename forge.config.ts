/**
 * Electron Forge configuration (the shape of Forge's vite-typescript template): Vite builds the main
 * process, the preload and the renderer into `.vite/`; packaging keeps better-sqlite3's native module
 * outside the asar; fuses switch off Node-style entry points in the packaged binary.
 */
import type { ForgeConfig } from '@electron-forge/shared-types';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerZIP } from '@electron-forge/maker-zip';
import { AutoUnpackNativesPlugin } from '@electron-forge/plugin-auto-unpack-natives';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { VitePlugin } from '@electron-forge/plugin-vite';
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/**
 * Modules the main bundle loads at run time from node_modules (better-sqlite3 is external to Vite
 * because it is a native addon; the other two are what it requires).
 */
const RUNTIME_MODULES = ['better-sqlite3', 'bindings', 'file-uri-to-path'];

/**
 * NOTE: the Vite plugin would otherwise package only `.vite/`, leaving the external better-sqlite3
 * behind; this keeps `.vite/`, package.json and the runtime modules (without their C sources).
 */
function isIgnored(file: string): boolean {
  if (!file || file === '/package.json' || file.startsWith('/.vite')) return false;
  if (file === '/node_modules') return false;
  const match = /^\/node_modules\/([^/]+)(\/.*)?$/.exec(file);
  if (!match || !RUNTIME_MODULES.includes(match[1] ?? '')) return true;
  return /^\/(deps|src)(\/|$)|^\/build\/(Release\/obj|Release\/.*\.a$|deps|obj)/.test(match[2] ?? '');
}

const config: ForgeConfig = {
  packagerConfig: {
    name: 'Hindsight',
    executableName: 'hindsight',
    asar: true,
    ignore: isIgnored,
    extraResource: ['runbooks'],
    // macOS learns the hindsight:// scheme from Info.plist; Windows and Linux from setAsDefaultProtocolClient and the .desktop file.
    protocols: [{ name: 'Hindsight view link', schemes: ['hindsight'] }],
  },
  rebuildConfig: { onlyModules: ['better-sqlite3'], force: true },
  makers: [new MakerZIP({}), new MakerDeb({ options: { name: 'hindsight', productName: 'Hindsight', bin: 'hindsight', categories: ['Development', 'Utility'], mimeType: ['x-scheme-handler/hindsight'] } })],
  plugins: [
    new VitePlugin({
      build: [
        { entry: 'main/main.ts', config: 'vite.main.config.ts', target: 'main' },
        { entry: 'main/preload.ts', config: 'vite.preload.config.ts', target: 'preload' },
        // The importer's parse worker, started from the main bundle as the sibling .vite/build/parse-worker.js.
        { entry: 'src/importers/parse-worker.ts', config: 'vite.main.config.ts', target: 'main' },
        // The workers that build the rollout model and the timeline counts after a large import (.vite/build/{fleet,lod}-worker.js).
        { entry: 'src/store/fleet-worker.ts', config: 'vite.main.config.ts', target: 'main' },
        { entry: 'src/store/lod-worker.ts', config: 'vite.main.config.ts', target: 'main' },
      ],
      renderer: [{ name: 'main_window', config: 'vite.renderer.config.ts' }],
    }),
    new AutoUnpackNativesPlugin({}),
    new FusesPlugin({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      // The renderer is served from app:// (main/app-protocol.ts), so file:// needs no extra privileges.
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    }),
  ],
};

export default config;
