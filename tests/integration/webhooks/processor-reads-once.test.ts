import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { writeSql } from '../../helpers/test-core';
import {
  at,
  envelope,
  insertOutboundMany,
  startWebhookHarness,
  statuses,
  type WebhookHarness,
} from './webhook-harness';

/**
 * Issue 15: under load an acknowledgement is nearly always waiting, so each of the processor's
 * transactions applies one delivery and the next starts one delivery further on. Each of those
 * used to parse its whole chunk again (up to fifty deliveries parsed for one applied): the processor
 * spent the two cores' time parsing what it had parsed already, and the acknowledgements waited.
 */
const DELIVERIES = 60;

let h: WebhookHarness;
beforeAll(async () => {
  h = await startWebhookHarness({ processor: { pollMs: 60_000 } });
});
afterAll(() => h.close());

it('parses each stored delivery once while acknowledgements keep interrupting its transactions', async () => {
  const wamids = Array.from({ length: DELIVERIES }, (_, i) => `wamid.once.${i}`);
  const ids = await insertOutboundMany(h.core, wamids);
  const bodies = new Set<string>();
  for (const [i, wamid] of wamids.entries()) {
    const text = JSON.stringify(envelope([statuses({ wamid, status: 'delivered', timestamp: at(i) })]));
    bodies.add(text);
    await writeSql(
      h.core,
      `INSERT INTO webhook_inbox (received_at, body_hash, body, state, attempts) VALUES (?, ?, ?, 'pending', 0)`,
      ['2026-12-03 00:00:00.000', createHash('sha256').update(text).digest('hex'), text],
    );
  }
  // An acknowledgement waiting all along: every transaction ends after one delivery.
  const tx = h.core.ctx.tx;
  Object.defineProperty(tx, 'urgentWaiting', { get: () => true, configurable: true });
  const transactions = vi.spyOn(tx, 'run');
  // Reading a stored delivery starts with JSON.parse of its body (a module mock cannot count it:
  // test files share their loaded modules).
  const parse = vi.spyOn(JSON, 'parse');
  let transactionCount = 0;
  let parses = 0;
  try {
    h.core.webhooks.wake();
    await h.settle();
    transactionCount = transactions.mock.calls.length;
    parses = parse.mock.calls.filter(([text]) => bodies.has(text)).length;
  } finally {
    Reflect.deleteProperty(tx, 'urgentWaiting');
    transactions.mockRestore();
    parse.mockRestore();
  }

  // The interruption did happen: about one transaction a delivery.
  expect(transactionCount).toBeGreaterThanOrEqual(DELIVERIES);
  // Before: 1,775 parses for 60 deliveries. Now each once.
  expect(parses).toBe(DELIVERIES);
  // And every delivery applied, once.
  const inbox = await h.inbox();
  expect(inbox.filter((row) => row.state === 'done')).toHaveLength(DELIVERIES);
  const rows = (await h.core.ctx.db.query(
    `SELECT status FROM messages WHERE id IN (${ids.map(() => '?').join(',')})`,
    ids,
  )) as { status: string }[];
  expect(rows.map((row) => row.status)).toEqual(ids.map(() => 'delivered'));
});
