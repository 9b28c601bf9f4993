import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const INITIAL_PASSWORD = 'change-me-now';

export interface HeadlessApp {
  url: string;
  /** The public listener (webhooks, /api/v1). */
  publicUrl: string;
  /** The in-process WhatsApp sandbox (its /_sandbox control API shows what it accepted). */
  sandboxUrl: () => string;
  dataDir: string;
}

/**
 * Starts headless mode (the built `out/main/headless.js`) on a fresh data folder with free ports;
 * resolves once it prints `ready`.
 */
async function startHeadless(): Promise<Started> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wapidesk-e2e-'));
  const config = readFileSync('config.toml', 'utf8').replace(/^port = 8787$/m, 'port = 0');
  writeFileSync(join(dataDir, 'config.toml'), config);
  // The built bundle (`npm run test:e2e` builds first), as `npm start` runs it: it starts in half
  // the time tsx takes to load the sources, and the sources may change while the suite runs.
  const child = spawn(
    process.execPath,
    ['out/main/headless.js', '--config', join(dataDir, 'config.toml'), '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      // No secret service for the app under test: CI runs one unlocked keyring for the whole suite,
      // and every app would share its "Wapidesk" entries (one spec's ngrok authtoken or access token
      // seen by the next). The keychain itself is tested in tests/integration/foundation/keychain.test.ts.
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/wapidesk-e2e-bus' },
    },
  );
  let stderr = '';
  let sandboxUrl = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    sandboxUrl ||= /WhatsApp sandbox listening on (http:\S+)/.exec(stderr)?.[1] ?? '';
  });
  let publicUrl = '';
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`headless mode did not start:\n${stderr}`)), 90_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      publicUrl = /^public (http:\S+)$/m.exec(stdout)?.[1] ?? publicUrl;
      const ready = /^ready (http:\S+)$/m.exec(stdout);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`headless mode exited with ${code}:\n${stderr}`)));
  });
  return { app: { url, publicUrl, dataDir, sandboxUrl: () => sandboxUrl }, child, log: () => stderr };
}

interface Started {
  app: HeadlessApp;
  child: ChildProcess;
  /** What the app has logged so far. */
  log: () => string;
}

async function stopHeadless({ app, child }: Started) {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(app.dataDir, { recursive: true, force: true });
}

/**
 * One fresh headless Wapidesk per test FILE: a worker runs several files one after another, and each
 * file's tests build on each other's data (serial) but never on another file's.
 */
export const test = base.extend<{ app: HeadlessApp }, { apps: Map<string, Started> }>({
  apps: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a pattern
    async ({}, use) => {
      const apps = new Map<string, Started>();
      await use(apps);
      for (const started of apps.values()) await stopHeadless(started);
    },
    { scope: 'worker' },
  ],
  app: async ({ apps }, use, testInfo) => {
    let started = apps.get(testInfo.file);
    if (!started) {
      // The previous file is done with its app.
      for (const [file, other] of apps) {
        apps.delete(file);
        await stopHeadless(other);
      }
      started = await startHeadless();
      apps.set(testInfo.file, started);
    }
    const logged = started.log().length;
    await use(started.app);
    // A failure in CI leaves only the printed output behind: what the app logged during the test
    // (the runner's and the webhooks' errors) is printed with it.
    if (testInfo.status !== testInfo.expectedStatus) {
      const log = started.log().slice(logged);
      console.log(
        `--- what the app logged during "${testInfo.title}" ---\n${log.slice(-8_000) || '(nothing)'}`,
      );
    }
  },
});

export { expect };

export async function signIn(page: Page, app: HeadlessApp, login: string, password: string) {
  await page.goto(app.url);
  await page.getByLabel('Username or email').fill(login);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The forced first-login change: the page allows nothing else until it is done. */
export async function chooseOwnPassword(page: Page, current: string, next: string) {
  await expect(page.getByText('Choose your own password')).toBeVisible();
  await page.getByLabel('Current password').fill(current);
  await page.getByLabel('New password', { exact: true }).fill(next);
  await page.getByLabel('New password again').fill(next);
  await page.getByRole('button', { name: 'Change password' }).click();
  // Done once the app has taken the user on: a click made before that (while the change is still
  // on its way) is refused by the forced change, as it should be, and a spec would wait in vain.
  await expect(page.getByText('Choose your own password')).toBeHidden();
}

/** Calls the HTTP bridge from the page with its own session, as a script on the page could. */
export function callFromPage(page: Page, operation: string, input: unknown) {
  return page.evaluate(
    async ({ operation, input }) => {
      const token = sessionStorage.getItem('wapidesk.session');
      const response = await fetch(`/bridge/rpc/${operation}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input),
      });
      return {
        status: response.status,
        body: (await response.json()) as { ok: boolean; error?: { code: string } },
      };
    },
    { operation, input },
  );
}

/** The owner's own password once chosen, in every spec that signs in as the new owner. */
export const OWNER_PASSWORD = 'owner-pass-4321';

/**
 * Signs in as the owner (unless this page already is); the first time, chooses the owner's own
 * password as a new owner must.
 */
export async function signInOwner(page: Page, app: HeadlessApp) {
  await page.goto(app.url);
  const shown = await Promise.race([
    page
      .getByLabel('Username or email')
      .waitFor()
      .then(() => 'sign-in' as const),
    page
      .getByTestId('user-menu')
      .waitFor()
      .then(() => 'signed-in' as const),
  ]);
  if (shown === 'signed-in') return;
  await page.getByLabel('Username or email').fill('admin');
  await page.getByLabel('Password', { exact: true }).fill(OWNER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const outcome = await Promise.race([
    page
      .getByTestId('login-error')
      .waitFor()
      .then(() => 'refused' as const),
    page
      .getByTestId('user-menu')
      .waitFor()
      .then(() => 'in' as const),
  ]);
  if (outcome === 'refused') {
    await signIn(page, app, 'admin', INITIAL_PASSWORD);
    await chooseOwnPassword(page, INITIAL_PASSWORD, OWNER_PASSWORD);
    await expect(page.getByTestId('user-menu')).toBeVisible();
  }
}

/** Calls an operation that must succeed, from the page with its session; returns its result. */
export async function okFromPage<T>(page: Page, operation: string, input: unknown): Promise<T> {
  const { status, body } = await callFromPage(page, operation, input);
  if (status !== 200 || !body.ok) throw new Error(`${operation} failed: ${JSON.stringify(body)}`);
  return (body as unknown as { result: T }).result;
}

/** Changes how the in-process sandbox behaves (statuses, replies, limits), as its control API allows. */
export async function configureSandbox(app: HeadlessApp, patch: Record<string, unknown>) {
  const response = await fetch(`${app.sandboxUrl()}/_sandbox/config`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(patch),
  });
  if (!response.ok) throw new Error(`sandbox config refused: ${await response.text()}`);
}

/**
 * Whether an element lies within another's box, left to right: a column cut off by its card or
 * pushed into a table's sideways scroll does not.
 */
export async function fitsIn(inner: Locator, outer: Locator): Promise<boolean> {
  const [a, b] = await Promise.all([inner.boundingBox(), outer.boundingBox()]);
  if (!a || !b) return false;
  return a.x >= b.x - 1 && a.x + a.width <= b.x + b.width + 1;
}

/** A list made from the page with these customers ([name, phone]) on it; returns its id. */
export async function listWithCustomers(
  page: Page,
  name: string,
  customers: readonly (readonly [string, string])[],
): Promise<{ id: number; name: string }> {
  const list = await okFromPage<{ id: number; name: string }>(page, 'lists.create', { name });
  for (const [person, phone] of customers)
    await okFromPage(page, 'contacts.create', { name: person, phone, listIds: [list.id] });
  return list;
}

/** How many lines an element's text is laid out on: 1 when it does not wrap. */
export function textLines(element: Locator): Promise<number> {
  return element.evaluate((node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
}

/**
 * Holds back the answers of the bridge calls to `operation` whose request body `which` picks: the
 * core answers them at once, the page gets the answers only after `release()`. `answered` resolves
 * once the first held call has its answer (what the core counted at that moment).
 */
export async function holdAnswers(page: Page, operation: string, which: (body: string) => boolean) {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let heldOne = () => {};
  const answered = new Promise<void>((resolve) => (heldOne = resolve));
  await page.route(`**/bridge/rpc/${operation}`, async (route) => {
    if (!which(route.request().postData() ?? '')) return route.continue();
    const response = await route.fetch();
    heldOne();
    await released;
    await route.fulfill({ response });
  });
  return { release, answered };
}
