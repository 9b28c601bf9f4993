import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CommitDurability, WritePriority } from '../../../electron/core/db/write-queue';
import { recordCommitSync } from '../../helpers/commit-sync';
import { writeSql } from '../../helpers/test-core';
import {
  at,
  envelope,
  inboundText,
  insertOutboundMany,
  startWebhookHarness,
  statuses,
  type WebhookHarness,
} from './webhook-harness';

/**
 * What waits for the disk. A delivery is acknowledged to Meta only once it is on disk (Meta will not
 * send it again). The processor's commits that apply statuses only need not wait: a power cut can
 * only undo them together with their deliveries' "done", and the deliveries are applied again. A
 * commit that applies a customer's message waits, since what follows it must not happen twice.
 */
let h: WebhookHarness;
beforeAll(async () => {
  h = await startWebhookHarness({ processor: { pollMs: 60_000 } });
});
afterAll(() => h.close());

const recordSync = (work: () => Promise<void>) => recordCommitSync(h.core, work);

async function store(body: Record<string, unknown>): Promise<void> {
  const text = JSON.stringify(body);
  await writeSql(
    h.core,
    `INSERT INTO webhook_inbox (received_at, body_hash, body, state, attempts) VALUES (?, ?, ?, 'pending', 0)`,
    ['2026-12-03 00:00:00.000', createHash('sha256').update(text).digest('hex'), text],
  );
}

it('acknowledges only what is on disk; applies statuses without waiting for it, messages waiting', async () => {
  const wamids = ['wamid.durable.1', 'wamid.durable.2', 'wamid.durable.3'];
  await insertOutboundMany(h.core, wamids);

  // A delivery posted: stored waiting for the disk, then its status applied without.
  const posted = await recordSync(async () => {
    expect(
      (await h.post(envelope([statuses({ wamid: wamids[0]!, status: 'delivered', timestamp: at(1) })])))
        .status,
    ).toBe(200);
    await h.settle();
  });
  expect(posted).toEqual([
    { priority: 'urgent', sync: 2 },
    { priority: 'normal', sync: 1 },
  ]);

  // A backlog of statuses, applied together.
  await store(envelope([statuses({ wamid: wamids[1]!, status: 'delivered', timestamp: at(2) })]));
  await store(envelope([statuses({ wamid: wamids[2]!, status: 'delivered', timestamp: at(3) })]));
  expect(await recordSync(async () => (h.core.webhooks.wake(), h.settle()))).toEqual([
    { priority: 'normal', sync: 1 },
  ]);

  // A backlog with a customer's message in it waits for the disk.
  await store(envelope([statuses({ wamid: wamids[0]!, status: 'read', timestamp: at(4) })]));
  await store(
    envelope([inboundText({ wamid: 'wamid.durable.in', from: '16505550100', text: 'Is it in stock?' })]),
  );
  expect(await recordSync(async () => (h.core.webhooks.wake(), h.settle()))).toEqual([
    { priority: 'normal', sync: 2 },
  ]);

  // Everything else still waits for the disk afterwards.
  expect(await recordSync(() => writeSql(h.core, 'DELETE FROM alerts WHERE 0'))).toEqual([
    { priority: 'normal', sync: 2 },
  ]);
  const rows = await h.inbox();
  expect(rows.every((row) => row.state === 'done')).toBe(true);
  const read = (await h.core.ctx.db.query(`SELECT status FROM messages WHERE wa_message_id = ?`, [
    wamids[0],
  ])) as {
    status: string;
  }[];
  expect(read[0]!.status).toBe('read');
});

it('keeps each commit’s durability whatever ran before it', async () => {
  // The writer's setting is changed only when the next transaction needs the other one; a run of
  // processor commits, an acknowledgement between them and a write after must each get their own.
  const tx = h.core.ctx.tx;
  const sync = async (priority: WritePriority, durability: CommitDurability) => {
    const [row] = (await tx.run((m) => m.query('PRAGMA synchronous'), priority, durability)) as {
      synchronous: number;
    }[];
    return row!.synchronous;
  };
  const seen = [
    await sync('normal', 'with-next'),
    await sync('normal', 'with-next'),
    await sync('urgent', 'now'),
    await sync('normal', 'with-next'),
    await sync('normal', 'now'),
    await sync('normal', 'now'),
  ];
  expect(seen).toEqual([1, 1, 2, 1, 2, 2]);
});
