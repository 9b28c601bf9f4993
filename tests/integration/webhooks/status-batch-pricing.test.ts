import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { Effects } from '../../../electron/core/webhooks/effects';
import { StatusBatch } from '../../../electron/core/webhooks/status-batch';
import type { StatusUpdate } from '../../../electron/core/whatsapp/webhooks';
import { makeTestCore, type TestCore } from '../../helpers/test-core';
import { addCampaign, addContact, addMessages } from '../campaign-analytics/fixtures';

/**
 * A chunk of statuses that price messages for the first time (Meta prices a message on its first
 * status) counts them together: one upsert per quarter hour and kind, one per campaign and kind,
 * and the messages' pricing with their other columns, not two or three statements a message.
 */
let tc: TestCore;
const T0 = Date.UTC(2030, 2, 1, 9, 0, 0) / 1000;
const MESSAGES = 40;

beforeAll(async () => {
  tc = await makeTestCore();
  const campaignId = await addCampaign(tc.core, {
    name: 'Priced',
    status: 'running',
    startedAt: new Date(T0 * 1000),
  });
  const contacts: number[] = [];
  for (let i = 0; i < MESSAGES; i++)
    contacts.push(await addContact(tc.core, { name: `Customer ${i}`, phone: `+9198711${10000 + i}` }));
  await addMessages(
    tc.core,
    contacts.map((contactId, i) => ({
      campaignId,
      contactId,
      waId: `9198711${10000 + i}`,
      status: 'sent',
      isTest: false,
      createdAt: new Date(T0 * 1000),
    })),
  );
  await tc.core.ctx.tx.run((m) => m.query(`UPDATE messages SET wa_message_id = 'wamid.p.' || id`));
});
afterAll(() => tc?.close());

const q = <T>(sql: string) => tc.core.ctx.db.query(sql) as Promise<T[]>;

it('counts a chunk of first pricings with a few statements, and counts each message once', async () => {
  const ids = (await q<{ id: number }>('SELECT id FROM messages ORDER BY id')).map((r) => r.id);
  const updates: StatusUpdate[] = ids.map((id, i) => ({
    messageId: `wamid.p.${id}`,
    status: 'delivered',
    timestamp: T0 + 60 + i,
    recipientId: null,
    recipientUserId: null,
    bizOpaqueCallbackData: null,
    errors: [],
    pricing: { billable: true, pricingModel: 'PMP', type: 'regular', category: 'marketing' },
    conversation: null,
    raw: {},
  }));
  const trips = [vi.spyOn(sqlite3.Statement.prototype, 'all'), vi.spyOn(sqlite3.Statement.prototype, 'run')];
  try {
    await tc.core.ctx.tx.run(async (m) => {
      const batch = new StatusBatch(new Effects(), new Date((T0 + 3600) * 1000), tc.core.ctx.audit);
      for (const update of updates) batch.add(update);
      await batch.flush(m);
    });
    const calls = trips.reduce((n, spy) => n + spy.mock.calls.length, 0);
    // Two or three statements a message before (80+ here); now a fixed handful for the chunk.
    expect(calls).toBeLessThanOrEqual(10);
  } finally {
    vi.restoreAllMocks();
  }
  expect(
    await q<{ messages: number }>(`SELECT messages FROM pricing_buckets WHERE category = 'marketing'`),
  ).toEqual([{ messages: MESSAGES }]);
  expect(
    await q<{ messages: number }>(`SELECT messages FROM campaign_pricing WHERE category = 'marketing'`),
  ).toEqual([{ messages: MESSAGES }]);
  const [row] = await q<{ n: number }>(
    `SELECT count(*) AS n FROM messages WHERE pricing_category = 'marketing' AND pricing_type = 'regular' AND pricing_billable = 1 AND status = 'delivered'`,
  );
  expect(row!.n).toBe(MESSAGES);
});
