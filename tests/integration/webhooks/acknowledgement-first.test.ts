import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from 'typeorm';
import type { WritePriority } from '../../../electron/core/db/write-queue';
import { writeSql } from '../../helpers/test-core';
import { envelope, inboundText, startWebhookHarness, type WebhookHarness } from './webhook-harness';

/**
 * Issue 15: Meta's deliveries are answered once stored, and storing never waits behind the
 * processor's work. The processor applies a backlog many deliveries to a transaction; a delivery
 * that arrives meanwhile must be stored after the delivery being applied, not after the whole chunk.
 */
const BACKLOG = 100;

let h: WebhookHarness;
beforeAll(async () => {
  h = await startWebhookHarness({ processor: { chunkSize: BACKLOG, batchSize: BACKLOG, pollMs: 60_000 } });
});
afterAll(() => h.close());

/** A backlog stored as the router stores it, before the processor is woken. */
async function storeBacklog(): Promise<void> {
  for (let i = 0; i < BACKLOG; i++) {
    const body = JSON.stringify(
      envelope([
        inboundText({ wamid: `wamid.backlog.${i}`, from: `1650555${String(1000 + i)}`, text: `Order ${i}` }),
      ]),
    );
    await writeSql(
      h.core,
      `INSERT INTO webhook_inbox (received_at, body_hash, body, state, attempts) VALUES (?, ?, ?, 'pending', 0)`,
      ['2026-12-03 00:00:00.000', createHash('sha256').update(body).digest('hex'), body],
    );
  }
}

describe('a delivery that arrives while the processor applies a backlog', () => {
  it('is stored and answered after the delivery being applied, not after the chunk', async () => {
    await storeBacklog();
    const tx = h.core.ctx.tx;
    const run = tx.run.bind(tx);
    let answer: Promise<{ status: number }> | null = null;
    let appliedWhenStored: number | null = null;
    // Posts the new delivery as soon as the processor's transaction starts, and notes how much of
    // the backlog was applied when the delivery's own write began.
    tx.run = (<T>(work: (m: EntityManager) => Promise<T>, priority: WritePriority = 'normal') => {
      if (priority === 'urgent') {
        return run(async (m) => {
          const [row] = (await m.query(`SELECT count(*) AS n FROM webhook_inbox WHERE state = 'done'`)) as {
            n: number;
          }[];
          appliedWhenStored ??= row!.n;
          return work(m);
        }, priority);
      }
      answer ??= h.post(envelope([inboundText({ wamid: 'wamid.meanwhile', from: '16505559999' })]));
      return run(work, priority);
    }) as typeof tx.run;
    try {
      h.core.webhooks.wake();
      await h.settle();
      expect(answer).not.toBeNull();
      expect((await answer!).status).toBe(200);
    } finally {
      tx.run = run;
    }
    await h.settle();
    // Before: the whole chunk (100) was applied first. Now one delivery, or the few that were
    // applied while the request was still being read.
    expect(appliedWhenStored).not.toBeNull();
    expect(appliedWhenStored!).toBeLessThan(BACKLOG / 2);
    // Nothing lost or applied twice: every delivery of the backlog and the new one are done.
    const rows = await h.inbox();
    expect(rows.filter((r) => r.state === 'done')).toHaveLength(BACKLOG + 1);
  });
});
