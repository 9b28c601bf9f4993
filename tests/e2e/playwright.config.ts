import { defineConfig } from '@playwright/test';

/** Debian's Chromium: Playwright never downloads a browser of its own on these machines. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // Each file starts its own headless Wapidesk; two at a time suits two cores.
  workers: 2,
  fullyParallel: false,
  // Loose on time, strict on behaviour: on a shared 2-core machine at load 20+ a step that takes a
  // second when idle takes ten (people.spec ran out of 60 s that way).
  timeout: 150_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
