/**
 * Constants that Forge's Vite plugin defines when it bundles the main process: the dev server URL
 * (undefined in a packaged build) and the renderer's output folder name.
 */
declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
declare const MAIN_WINDOW_VITE_NAME: string;
