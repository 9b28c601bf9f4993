import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, expect, it } from 'vitest';
import { stringify } from 'smol-toml';
import { rpc } from '../../helpers/http';
import { spawnEntry, type Spawned } from '../../helpers/spawn';
import { makeTempDir, OWNER, testConfigObject } from '../../helpers/test-core';

/**
 * A quit that finishes what it started: SIGTERM to headless mode while a campaign is sending
 * waits for WhatsApp's answer to every request in flight, so no row is left `sending` (which the
 * next start would have to call `unconfirmed`: maybe sent, maybe not).
 */

const RECIPIENTS = 60;
const dataDir = makeTempDir('wapidesk-quit-');
let app: Spawned | null = null;
afterAll(async () => {
  await app?.stop(1000);
  rmSync(dataDir, { recursive: true, force: true });
});

async function call<T>(port: number, op: string, input: unknown, token: string | null = null): Promise<T> {
  const response = await rpc(port, op, input, token);
  const body = response.json as { ok: boolean; result?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${op}: ${body.error?.message}`);
  return body.result as T;
}

function countByStatus(file: string): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (error) => {
      if (error) reject(error);
    });
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

it('SIGTERM in the middle of a campaign leaves no message sending or unconfirmed', async () => {
  const configPath = join(dataDir, 'config.toml');
  writeFileSync(configPath, stringify(testConfigObject()));
  app = spawnEntry('headless.ts', ['--config', configPath, '--data-dir', dataDir]);
  const port = Number((await app.waitForLine(/^ready http:\/\/127\.0\.0\.1:(\d+)/))[1]);
  const sandboxUrl = /WhatsApp sandbox listening on (http:\S+)/.exec(app.stderr())?.[1];
  expect(sandboxUrl).toBeTruthy();

  const first = await call<{ token: string }>(port, 'auth.login', {
    login: OWNER.username,
    password: OWNER.initialPassword,
  });
  await call(
    port,
    'auth.changePassword',
    { currentPassword: OWNER.initialPassword, newPassword: OWNER.password },
    first.token,
  );
  const { token } = await call<{ token: string }>(port, 'auth.login', {
    login: OWNER.username,
    password: OWNER.password,
  });
  const list = await call<{ id: number }>(port, 'lists.create', { name: 'Everyone' }, token);
  for (let i = 0; i < RECIPIENTS; i += 1) {
    const phone = `+9198${String(10_000_000 + i).padStart(8, '0')}`;
    await call(port, 'contacts.create', { name: `Customer ${i}`, phone, listIds: [list.id] }, token);
  }
  await call(port, 'templates.sync', {}, token);
  const templates = await call<{ id: string; name: string }[]>(port, 'templates.list', {}, token);
  const numbers = await call<{ id: string }[]>(port, 'phoneNumbers.list', {}, token);
  const campaign = await call<{ id: number }>(
    port,
    'campaigns.create',
    {
      name: 'Quit while sending',
      phoneNumberId: numbers[0]!.id,
      templateId: templates.find((t) => t.name === 'hello_world')!.id,
      listIds: [list.id],
      variables: [],
      mediaHeader: null,
      optOutKeywords: [],
      messagesPerSecond: 20,
    },
    token,
  );

  // WhatsApp answers each request after 1.5 s: about thirty are in flight at any moment.
  const slow = await fetch(`${sandboxUrl}/_sandbox/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ latencyMs: 1500 }),
  });
  expect(slow.status).toBe(200);
  await call(port, 'campaigns.start', { id: campaign.id }, token);
  await new Promise((resolve) => setTimeout(resolve, 2000));

  const before = await countByStatus(join(dataDir, 'wapidesk.sqlite'));
  expect(before.sending ?? 0).toBeGreaterThan(0);
  app.child.kill('SIGTERM');
  expect(await app.exited).toBe(0);

  const after = await countByStatus(join(dataDir, 'wapidesk.sqlite'));
  expect(after.sending ?? 0).toBe(0);
  expect(after.unconfirmed ?? 0).toBe(0);
  // It really was stopped in the middle: some are sent, the rest wait for the next start.
  expect(after.queued ?? 0).toBeGreaterThan(0);
  expect((after.sent ?? 0) + (after.delivered ?? 0) + (after.read ?? 0)).toBeGreaterThan(0);
  expect(app.stderr()).toMatch(/stopping: waiting for messages in flight/);
}, 90_000);
