import { afterAll, beforeAll, expect, it } from 'vitest';
import { MessageWriter } from '../../../electron/core/campaigns/message-writer';
import { recordCommitSync } from '../../helpers/commit-sync';
import { makeTestCore, type TestCore } from '../../helpers/test-core';
import { addCampaign, addContact, addMessages } from '../campaign-analytics/fixtures';

/**
 * What of the runner's writes waits for the disk. A claim does: lost after its request went out, the
 * row would be queued again and sent twice. A batch of nothing but accepted sends does not: lost to a
 * power cut, those rows are still `sending` on disk, start-up makes them `unconfirmed` and Meta's
 * status webhook settles them (recover-after-crash.ts). Every other outcome waits.
 */
let tc: TestCore;
let ids: number[];
beforeAll(async () => {
  tc = await makeTestCore();
  const T0 = new Date(Date.UTC(2030, 2, 1, 9, 0, 0));
  const campaignId = await addCampaign(tc.core, { name: 'Durable', status: 'running', startedAt: T0 });
  const seeds = [];
  for (let i = 0; i < 8; i++) {
    const contactId = await addContact(tc.core, { name: `Customer ${i}`, phone: `+9198711${10000 + i}` });
    seeds.push({
      campaignId,
      contactId,
      waId: `9198711${10000 + i}`,
      status: 'queued' as const,
      createdAt: T0,
    });
  }
  await addMessages(tc.core, seeds);
  ids = ((await tc.core.ctx.db.query('SELECT id FROM messages ORDER BY id')) as { id: number }[]).map(
    (r) => r.id,
  );
});
afterAll(() => tc?.close());

it('claims wait for the disk, accepted sends alone do not, any other outcome does', async () => {
  const writer = new MessageWriter(tc.core.ctx);
  const at = tc.core.ctx.clock.now();
  const [a, b, c, d, e] = ids as [number, number, number, number, number];

  const claims = await recordCommitSync(tc.core, async () => {
    expect(await Promise.all([a, b, c, d, e].map((id) => writer.markSending(id, '{}', 'Hello')))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
  });
  expect(claims.map((t) => t.sync)).toEqual([2]);

  const accepted = await recordCommitSync(tc.core, async () => {
    await Promise.all([a, b].map((id) => writer.record(id, { kind: 'sent', wamid: `wamid.${id}`, at })));
  });
  expect(accepted.map((t) => t.sync)).toEqual([1]);

  const refused = await recordCommitSync(tc.core, async () => {
    await writer.record(c, {
      kind: 'failed',
      at,
      code: 131026,
      title: 'Message undeliverable',
      details: null,
    });
  });
  expect(refused.map((t) => t.sync)).toEqual([2]);

  // An accepted send sharing its commit with another outcome waits with it.
  const mixed = await recordCommitSync(tc.core, async () => {
    await Promise.all([
      writer.record(d, { kind: 'sent', wamid: `wamid.${d}`, at }),
      writer.record(e, { kind: 'requeue', at, countAttempt: true }),
    ]);
  });
  expect(mixed.map((t) => t.sync)).toEqual([2]);

  const rows = (await tc.core.ctx.db.query(
    `SELECT id, status FROM messages WHERE id IN (?, ?, ?, ?, ?) ORDER BY id`,
    [a, b, c, d, e],
  )) as { id: number; status: string }[];
  expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'failed', 'sent', 'queued']);
});
