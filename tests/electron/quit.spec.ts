import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import {
  executablePath,
  invoke,
  launchDesktop,
  newDataDir,
  NO_BINARY,
  prepareCampaign,
  removeDataDir,
  signInOwner,
} from './electron-app';

function countByStatus(file: string): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
    db.all(
      "SELECT status, count(*) AS n FROM messages WHERE direction = 'out' GROUP BY status",
      (error, rows: { status: string; n: number }[]) => {
        db.close();
        if (error) reject(error);
        else resolve(Object.fromEntries(rows.map((r) => [r.status, r.n])));
      },
    );
  });
}

test('Quit in the middle of a campaign asks, then waits for WhatsApp: no row left sending or unconfirmed', async () => {
  test.skip(!executablePath, NO_BINARY);
  const dataDir = newDataDir();
  const desktop = await launchDesktop(dataDir);
  try {
    const { app, page } = desktop;
    await signInOwner(page);
    const campaignId = await prepareCampaign(page, 60, 20);
    // WhatsApp answers each request after 1.5 s: about thirty are in flight at any moment.
    const slow = await fetch(`${await desktop.sandboxUrl()}/_sandbox/config`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: 1500 }),
    });
    expect(slow.status).toBe(200);
    // Answer the quit question with its first button ("Quit"), and note that it was asked.
    await app.evaluate(({ dialog }) => {
      dialog.showMessageBox = ((...args: unknown[]) => {
        const options = args.at(-1) as { message: string };
        process.stderr.write(`quit question: ${options.message}\n`);
        return Promise.resolve({ response: 0, checkboxChecked: false });
      }) as typeof dialog.showMessageBox;
    });
    await invoke(page, 'campaigns.start', { id: campaignId });
    await page.waitForTimeout(2000);
    const before = await countByStatus(join(dataDir, 'wapidesk.sqlite'));
    expect(before.sending ?? 0).toBeGreaterThan(0);

    void app.evaluate(({ app: electronApp }) => electronApp.quit()).catch(() => undefined);
    expect(await desktop.exited).toBe(0);

    expect(desktop.log()).toContain('quit question: A campaign is sending. Quit anyway?');
    expect(desktop.log()).toMatch(/stopping \(user\): waiting for messages in flight/);
    const after = await countByStatus(join(dataDir, 'wapidesk.sqlite'));
    expect(after.sending ?? 0).toBe(0);
    expect(after.unconfirmed ?? 0).toBe(0);
    expect(after.queued ?? 0).toBeGreaterThan(0);
    expect((after.sent ?? 0) + (after.delivered ?? 0) + (after.read ?? 0)).toBeGreaterThan(0);
  } finally {
    if (desktop.app.process().exitCode === null) await desktop.app.close();
    removeDataDir(dataDir);
  }
});
