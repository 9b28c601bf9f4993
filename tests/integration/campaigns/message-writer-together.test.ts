import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/create-core';
import { MessageWriter } from '../../../electron/core/campaigns/message-writer';
import type { MessageStatus } from '../../../electron/core/db/entities/messaging';
import { makeTestCore, type TestCore } from '../../helpers/test-core';
import { addCampaign, addContact, addMessages } from '../campaign-analytics/fixtures';

/**
 * The runner's claims ("sending", before the request) and accepted sends of one group commit are
 * written set-based (message-writer.ts). A claim must come out exactly as one by one: true only for a
 * row still queued whose customer has not opted out, since true means "send it". Both cores get the
 * same rows; `one` writes each on its own, `together` all in one batch.
 */
let one: TestCore;
let together: TestCore;
beforeAll(async () => {
  [one, together] = await Promise.all([makeTestCore(), makeTestCore()]);
});
afterAll(async () => {
  await Promise.all([one?.close(), together?.close()]);
});

const T0 = new Date(Date.UTC(2030, 2, 1, 9, 0, 0));
const STARTS: MessageStatus[] = ['queued', 'queued', 'sending', 'failed', 'queued', 'delivered', 'queued'];
const ROWS = 70;

async function seed(core: Core): Promise<number[]> {
  const campaignId = await addCampaign(core, { name: 'Together', status: 'running', startedAt: T0 });
  const seeds = [];
  for (let i = 0; i < ROWS; i++) {
    const contactId = await addContact(core, {
      name: `Customer ${i}`,
      phone: `+9198700${10000 + i}`,
      // Every ninth customer stopped marketing while the row waited.
      ...(i % 9 === 4 ? { optedOutAt: T0 } : {}),
    });
    seeds.push({
      campaignId,
      contactId,
      waId: `9198700${10000 + i}`,
      status: STARTS[i % STARTS.length]!,
      createdAt: T0,
    });
  }
  await addMessages(core, seeds);
  const rows = (await core.ctx.db.query('SELECT id FROM messages ORDER BY id')) as { id: number }[];
  return rows.map((r) => r.id);
}

const table = (core: Core) =>
  core.ctx.db.query(
    `SELECT id, status, payload, text, attempts, next_attempt_at, wa_message_id, sent_at, error_title, unconfirmed_at
       FROM messages ORDER BY id`,
  );

it('claims and records a group commit set-based exactly as one by one', async () => {
  const ids = await seed(one.core);
  expect(await seed(together.core)).toEqual(ids);
  const byOne = new MessageWriter(one.core.ctx);
  const byBatch = new MessageWriter(together.core.ctx);
  const payload = (id: number) => JSON.stringify({ to: id });

  const claimedOne: boolean[] = [];
  for (const id of ids) claimedOne.push(await byOne.markSending(id, payload(id), `Hello ${id}`));
  const claimedTogether = await Promise.all(
    ids.map((id) => byBatch.markSending(id, payload(id), `Hello ${id}`)),
  );
  expect(claimedTogether).toEqual(claimedOne);
  // True means "send it": only rows that were queued, for customers who had not opted out.
  const expected = ids.map((_, i) => STARTS[i % STARTS.length] === 'queued' && i % 9 !== 4);
  expect(claimedTogether).toEqual(expected);

  // Meta accepts every row that was being sent (also one a webhook had already moved on).
  const accepted = ids.filter((_, i) => claimedOne[i] || STARTS[i % STARTS.length] === 'delivered');
  const at = new Date(T0.getTime() + 5_000);
  const sentOne: boolean[] = [];
  for (const id of accepted) sentOne.push(await byOne.record(id, { kind: 'sent', wamid: `wamid.${id}`, at }));
  const sentTogether = await Promise.all(
    accepted.map((id) => byBatch.record(id, { kind: 'sent', wamid: `wamid.${id}`, at })),
  );
  expect(sentTogether).toEqual(sentOne);

  expect(await table(together.core)).toEqual(await table(one.core));
  const statuses = (await table(together.core)) as { status: string }[];
  expect(statuses.filter((r) => r.status === 'sent')).toHaveLength(expected.filter(Boolean).length);
});

it('claims a row once when one batch asks twice', async () => {
  const [row] = (await together.core.ctx.db.query(
    `SELECT m.id FROM messages m JOIN contacts c ON c.id = m.contact_id WHERE c.opted_out = 0 ORDER BY m.id LIMIT 1`,
  )) as { id: number }[];
  await together.core.ctx.tx.run((m) =>
    m.query(`UPDATE messages SET status = 'queued' WHERE id = ?`, [row!.id]),
  );
  const writer = new MessageWriter(together.core.ctx);
  const twice = await Promise.all([
    writer.markSending(row!.id, '{}', 'a'),
    writer.markSending(row!.id, '{}', 'b'),
  ]);
  expect(twice).toEqual([true, false]);
});
