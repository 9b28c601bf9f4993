import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/create-core';
import type { MessageStatus } from '../../../electron/core/db/entities/messaging';
import { applyStatus } from '../../../electron/core/webhooks/apply-status';
import { Effects } from '../../../electron/core/webhooks/effects';
import { StatusBatch } from '../../../electron/core/webhooks/status-batch';
import type { StatusUpdate } from '../../../electron/core/whatsapp/webhooks';
import { makeTestCore, type TestCore } from '../../helpers/test-core';
import { addCampaign, addContact, addMessages } from '../campaign-analytics/fixtures';
import { seededRandom } from '../../helpers/seeded-random';

/**
 * The processor applies a chunk's statuses together (status-batch.ts). Whatever WhatsApp sends — in
 * order or not, repeated, priced and priced again, failures that opt a customer out or hold their
 * marketing, statuses found only by the reference we sent, statuses of messages we do not have — the
 * database must end exactly as applying them one by one leaves it, and windows must hear of the same
 * changes.
 */
let one: TestCore;
let together: TestCore;
beforeAll(async () => {
  [one, together] = await Promise.all([makeTestCore(), makeTestCore()]);
});
afterAll(async () => {
  await Promise.all([one?.close(), together?.close()]);
});

const T0 = Date.UTC(2030, 2, 1, 9, 0, 0) / 1000;
const MESSAGES = 40;

const q = <T>(core: Core, sql: string, params: unknown[] = []) =>
  core.ctx.tx.run((m) => m.query(sql, params)) as Promise<T>;

/** The same campaign, customers and messages in both cores. */
async function seed(core: Core): Promise<void> {
  const campaignId = await addCampaign(core, {
    name: 'Batched',
    status: 'running',
    startedAt: new Date(T0 * 1000),
  });
  const contacts: number[] = [];
  for (let i = 0; i < MESSAGES; i++)
    contacts.push(await addContact(core, { name: `Customer ${i}`, phone: `+9198700${10000 + i}` }));
  const start: MessageStatus[] = ['sending', 'unconfirmed', 'sent'];
  await addMessages(
    core,
    contacts.map((contactId, i) => ({
      campaignId: i % 10 === 9 ? null : campaignId,
      contactId,
      waId: `9198700${10000 + i}`,
      status: start[i % 3]!,
      isTest: i % 13 === 0,
      createdAt: new Date(T0 * 1000),
    })),
  );
  // Most messages have their wamid; every fifth is known only by the reference sent with it.
  await q(
    core,
    `UPDATE messages SET client_ref = 'ref-' || id, wa_message_id = 'wamid.' || id WHERE id % 5 != 0`,
  );
  await q(core, `UPDATE messages SET client_ref = 'ref-' || id WHERE id % 5 = 0`);
  // Some were priced already.
  await q(
    core,
    `UPDATE messages SET pricing_category = 'marketing', pricing_type = 'regular', pricing_billable = 1 WHERE id % 7 = 0`,
  );
}

function statuses(): StatusUpdate[] {
  const rand = seededRandom(777);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const pricings = [
    null,
    { billable: true, pricingModel: 'PMP', type: 'regular', category: 'marketing' },
    { billable: true, pricingModel: 'PMP', type: 'regular', category: 'utility' },
    { billable: false, pricingModel: 'PMP', type: 'free_customer_service', category: 'service' },
  ];
  const errors = [131050, 131049, 131026];
  const made: StatusUpdate[] = [];
  for (let i = 0; i < 600; i++) {
    if (made.length && rand() < 0.1) {
      made.push(pick(made)); // Meta sends a status again
      continue;
    }
    const id = 1 + Math.floor(rand() * (MESSAGES + 3)); // a few are not ours
    const status = pick(['sent', 'delivered', 'read', 'failed'] as const);
    const byRef = id % 5 === 0;
    made.push({
      messageId: byRef ? `wamid.late.${id}` : `wamid.${id}`,
      status,
      timestamp: T0 + Math.floor(rand() * 3600),
      recipientId: null,
      recipientUserId: null,
      bizOpaqueCallbackData: rand() < 0.8 ? `ref-${id}` : null,
      errors:
        status === 'failed'
          ? [{ code: pick(errors), title: 'Refused', message: null, details: 'Why', href: null }]
          : [],
      pricing: pick(pricings),
      conversation: null,
      raw: {},
    });
  }
  return made;
}

type Published = { name: string; payload: unknown }[];

/** Applies `updates` in transactions of random sizes: one by one in `one`, together in `together`. */
async function applyBoth(updates: StatusUpdate[]): Promise<[Published, Published]> {
  const rand = seededRandom(4242);
  const heard: [Published, Published] = [[], []];
  for (let i = 0; i < updates.length;) {
    const chunk = updates.slice(i, i + 1 + Math.floor(rand() * 60));
    i += chunk.length;
    const now = new Date((T0 + 7200) * 1000);
    const [a, b] = [new Effects(), new Effects()];
    await one.core.ctx.tx.run(async (m) => {
      for (const update of chunk) await applyStatus(m, update, a, now, one.core.ctx.audit);
    });
    await together.core.ctx.tx.run(async (m) => {
      const batch = new StatusBatch(b, now, together.core.ctx.audit);
      for (const update of chunk) batch.add(update);
      await batch.flush(m);
    });
    a.flush((name, payload) => heard[0].push({ name, payload }));
    b.flush((name, payload) => heard[1].push({ name, payload }));
  }
  return heard;
}

const TABLES: [string, string][] = [
  ['messages', 'SELECT * FROM messages ORDER BY id'],
  [
    'message_status_events',
    `SELECT message_id, status, at, error_code, error_title, error_details, pricing_billable, pricing_model,
       pricing_category, pricing_type FROM message_status_events ORDER BY message_id, status`,
  ],
  ['pricing_buckets', 'SELECT * FROM pricing_buckets ORDER BY 1, 2, 3, 4, 5'],
  ['campaign_pricing', 'SELECT * FROM campaign_pricing ORDER BY 1, 2, 3, 4, 5'],
  ['campaign_tallies', 'SELECT * FROM campaign_tallies ORDER BY 1'],
  ['campaign_minutes', 'SELECT * FROM campaign_minutes ORDER BY 1, 2'],
  ['activity_buckets', 'SELECT * FROM activity_buckets ORDER BY 1'],
  [
    'contacts',
    'SELECT id, opted_out, opted_out_at, opt_out_source, opt_out_detail, marketing_held_until FROM contacts ORDER BY id',
  ],
  ['audit', 'SELECT action, details FROM audit_log ORDER BY id'],
];

it('leaves the database and the windows as applying the statuses one by one does', async () => {
  await seed(one.core);
  await seed(together.core);
  const [heardOne, heardTogether] = await applyBoth(statuses());

  for (const [table, sql] of TABLES) {
    const [a, b] = await Promise.all([q<unknown[]>(one.core, sql), q<unknown[]>(together.core, sql)]);
    expect(b, table).toEqual(a);
  }
  // Every message change is told as often; a campaign's settled figures once a chunk, not once a row.
  const told = (heard: Published, name: string) =>
    heard
      .filter((e) => e.name === name)
      .map((e) => JSON.stringify(e.payload))
      .sort();
  expect(told(heardTogether, 'messages.changed')).toEqual(told(heardOne, 'messages.changed'));
  expect(told(heardTogether, 'contacts.changed')).toEqual(told(heardOne, 'contacts.changed'));
  expect(new Set(told(heardTogether, 'campaigns.changed'))).toEqual(
    new Set(told(heardOne, 'campaigns.changed')),
  );
  expect(new Set(heardTogether.map((e) => e.name))).toEqual(new Set(heardOne.map((e) => e.name)));

  // The statuses reached every case the rules have.
  const [counts] = await q<Record<string, number>[]>(
    one.core,
    `SELECT sum(m.status = 'read') AS read, (SELECT count(*) FROM message_status_events WHERE status = 'failed') AS failures, sum(c.opted_out) AS opted_out,
       sum(c.marketing_held_until IS NOT NULL) AS held, sum(m.wa_message_id LIKE 'wamid.late.%') AS by_ref,
       (SELECT count(*) FROM message_status_events WHERE pricing_category = 'service') AS repriced
       FROM messages m JOIN contacts c ON c.id = m.contact_id`,
  );
  for (const [what, n] of Object.entries(counts!)) expect(n, what).toBeGreaterThan(0);
});
