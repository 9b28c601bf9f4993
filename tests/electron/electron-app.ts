import { _electron as electron, expect, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Outcome } from '@shared/errors';

/** Set by tests/electron/run.mjs, which found the binary; the specs skip (saying so) without it. */
export const executablePath = process.env.WAPIDESK_ELECTRON_BINARY;
export const NO_BINARY = 'run through tests/electron/run.mjs, which finds the Electron binary';

export const OWNER = { username: 'admin', initialPassword: 'change-me-now', password: 'owner-chosen-pass-2' };

export interface DesktopApp {
  app: ElectronApplication;
  page: Page;
  dataDir: string;
  /** Everything main wrote to stderr so far (the core's log). */
  log(): string;
  /** The public listener's address, from the `public …` log line. */
  publicUrl(): Promise<string>;
  /** The sandbox's own address, to slow it down. */
  sandboxUrl(): Promise<string>;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  args: string[];
}

export function newDataDir(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'wapidesk-electron-'));
  const config = readFileSync('config.toml', 'utf8').replace(/^port = 8787$/m, 'port = 0');
  writeFileSync(join(dataDir, 'config.toml'), config);
  return dataDir;
}

export function removeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
}

/** Starts the built app (out/main) on its own data folder, as `npm start` does. */
export async function launchDesktop(dataDir: string): Promise<DesktopApp> {
  const args = ['out/main/index.js', '--data-dir', dataDir, '--config', join(dataDir, 'config.toml')];
  const app = await electron.launch({ executablePath, args });
  let stderr = '';
  const child = app.process();
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = async (pattern: RegExp) => {
    await expect.poll(() => pattern.test(stderr), { timeout: 30_000 }).toBe(true);
    return pattern.exec(stderr)![1]!;
  };
  const page = await app.firstWindow();
  return {
    app,
    page,
    dataDir,
    args,
    exited,
    log: () => stderr,
    publicUrl: () => waitFor(/public (http:\/\/\S+)/),
    sandboxUrl: () => waitFor(/WhatsApp sandbox listening on (http:\S+)/),
  };
}

/** One operation through window.wapi, as the renderer calls it. */
export async function invoke<T>(page: Page, operation: string, input: unknown): Promise<T> {
  const outcome = (await page.evaluate(([op, data]) => window.wapi!.invoke(op as string, data), [
    operation,
    input,
  ] as const)) as Outcome<T>;
  if (!outcome.ok) throw new Error(`${operation}: ${outcome.error.code} ${outcome.error.message}`);
  return outcome.result;
}

/** Signs the super admin in through IPC and replaces the initial password, as a first start asks. */
export async function signInOwner(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible({ timeout: 30_000 });
  await invoke(page, 'auth.login', { login: OWNER.username, password: OWNER.initialPassword });
  await invoke(page, 'auth.changePassword', {
    currentPassword: OWNER.initialPassword,
    newPassword: OWNER.password,
  });
  await invoke(page, 'auth.login', { login: OWNER.username, password: OWNER.password });
}

/** A hello_world campaign to `recipients` new contacts, ready to start; returns its id. */
export async function prepareCampaign(
  page: Page,
  recipients: number,
  messagesPerSecond: number,
): Promise<number> {
  const list = await invoke<{ id: number }>(page, 'lists.create', { name: `Everyone ${Date.now()}` });
  for (let i = 0; i < recipients; i += 1) {
    const phone = `+9198${String(20_000_000 + i).padStart(8, '0')}`;
    await invoke(page, 'contacts.create', { name: `Customer ${i}`, phone, listIds: [list.id] });
  }
  await invoke(page, 'templates.sync', {});
  const templates = await invoke<{ id: string; name: string }[]>(page, 'templates.list', {});
  const numbers = await invoke<{ id: string }[]>(page, 'phoneNumbers.list', {});
  const campaign = await invoke<{ id: number }>(page, 'campaigns.create', {
    name: 'From the desktop',
    phoneNumberId: numbers[0]!.id,
    templateId: templates.find((t) => t.name === 'hello_world')!.id,
    listIds: [list.id],
    variables: [],
    mediaHeader: null,
    optOutKeywords: [],
    messagesPerSecond,
  });
  return campaign.id;
}

/** Closes the window the way its close button does (the app keeps running in the tray). */
export async function closeWindow(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
}

export async function windowVisible(app: ElectronApplication): Promise<boolean> {
  return app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible() ?? false);
}
