/**
 * End-to-end tests: the real HTTP shell serving the built renderer, driven in Debian's Chromium
 * (Playwright cannot download its own browsers here; HINDSIGHT_CHROMIUM points elsewhere if needed).
 * One worker: the machine has two cores and the shells' state is shared between tests.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/support/e2e-global-setup.ts',
  outputDir: 'test-results',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.HINDSIGHT_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
