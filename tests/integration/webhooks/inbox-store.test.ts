import sqlite3 from 'sqlite3';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { WebhookInbox } from '../../../electron/core/webhooks/webhook-inbox';
import { envelope, statuses, at, startWebhookHarness, type WebhookHarness } from './webhook-harness';

/**
 * The inbox stores the deliveries that waited for one transaction together (group commit). Each
 * distinct body is stored once, and a copy — sent again later, or arriving twice in one batch, side
 * by side or far apart — is reported a duplicate (Meta is answered 200 either way).
 */
let h: WebhookHarness;
beforeAll(async () => {
  h = await startWebhookHarness({ processor: { pollMs: 60_000 } });
});
afterAll(() => h.close());
afterEach(() => vi.restoreAllMocks());

const body = (i: number) =>
  Buffer.from(
    JSON.stringify(envelope([statuses({ wamid: `wamid.store.${i}`, status: 'sent', timestamp: at(i) })])),
  );

it('stores each distinct delivery of a large batch once and reports every copy as a duplicate', async () => {
  const inbox = new WebhookInbox(h.core.ctx);
  expect(await inbox.store(body(0))).toEqual({ duplicate: false });
  const before = (await h.inbox()).length;

  // Sent together: the first starts a transaction alone, the other 79 wait and go in the next one.
  // Bodies 1-59 once; 60-69 twice, the copy right after the first or at the end; body 0 again,
  // stored above.
  const sent = Array.from({ length: 59 }, (_, i) => i + 1);
  for (let k = 0; k < 10; k++) {
    sent.splice(3 * k, 0, 60 + k);
    if (k % 2 === 0) sent.splice(3 * k + 1, 0, 60 + k);
    else sent.push(60 + k);
  }
  sent.push(0);
  expect(sent).toHaveLength(80);
  const answers = await Promise.all(sent.map((i) => inbox.store(body(i))));

  const seen = new Set<number>([0]);
  const expected = sent.map((i) => {
    const duplicate = seen.has(i);
    seen.add(i);
    return { duplicate };
  });
  expect(answers).toEqual(expected);
  expect(answers.filter((a) => !a.duplicate)).toHaveLength(69);
  const rows = await h.inbox();
  expect(rows).toHaveLength(before + 69);
  expect(new Set(rows.map((row) => row.body)).size).toBe(rows.length);
});

it('stores a batch with one statement per 50 deliveries, not one a delivery', async () => {
  const inbox = new WebhookInbox(h.core.ctx);
  expect(await inbox.store(body(1_000))).toEqual({ duplicate: false });
  // Every trip to SQLite's thread a prepared statement makes (the inbox's writes are prepared).
  const trips = [vi.spyOn(sqlite3.Statement.prototype, 'all'), vi.spyOn(sqlite3.Statement.prototype, 'run')];
  // The first waits alone for the writer; the other 59 are stored together after it.
  const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => inbox.store(body(1_001 + i))));
  expect(answers.every((a) => !a.duplicate)).toBe(true);
  const calls = trips.reduce((n, spy) => n + spy.mock.calls.length, 0);
  expect(calls).toBeLessThanOrEqual(3);
});
