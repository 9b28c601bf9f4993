import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

/**
 * Debian's Chromium: Playwright never downloads a browser of its own on these machines. Its headless
 * shell (package chromium-headless-shell, which CI installs) draws the same pages for about a fifth
 * less CPU than the full browser; the full one still serves where the shell is not installed.
 */
const executablePath =
  process.env.CHROMIUM_PATH ??
  ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((path) => existsSync(path)) ??
  '/usr/bin/chromium';

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
    // A failed test keeps its trace with the page's DOM at every step and a screenshot of the end.
    // Not the trace's screencast: encoding a frame for every paint took more CPU than the tests
    // themselves (213 s of CPU for first-load and inbox with it, 87 s without; bench/README.md).
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: true, sources: true },
    screenshot: 'only-on-failure',
    // Vuetify's transitions and spinners paint every frame unless the system asks for reduced motion
    // (its CSS honours it); a test waits for states, never for an animation.
    contextOptions: { reducedMotion: 'reduce' },
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
