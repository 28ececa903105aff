import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../scripts/chromium.mjs';

// The Hosting emulator's port (firebase.json).
const PORT = 4173;

export default defineConfig({
  testDir: '.',
  outputDir: '../test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions(),
  },
  // No web server of its own: the Hosting emulator (started with the others) serves the built app with
  // firebase.json's rewrites, so public pages come server-rendered from the `ssr` function, as in production.
});
