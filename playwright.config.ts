import { defineConfig } from '@playwright/test';
import { chromiumPath } from './scripts/chromium-path.mjs';

/** Flags that keep Chromium quiet on a machine with no network but loopback. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/playwright',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    // An action waits for its element at most this long: a stuck step fails with its name
    // instead of running into the test's whole timeout.
    actionTimeout: 60_000,
    navigationTimeout: 60_000,
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'id-ID',
    launchOptions: {
      executablePath: chromiumPath() ?? undefined,
      args: chromiumArgs,
    },
  },
});
