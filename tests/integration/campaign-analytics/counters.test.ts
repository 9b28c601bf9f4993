import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MessageStatus } from '../../../electron/core/db/entities/messaging';
import { sqlDate } from '../../../electron/core/db/sql';
import { makeTestCore, type TestCore } from '../../helpers/test-core';
import { addCampaign, addContact, addMessages, at, OTHER_PHONE, PHONE, type MessageSeed } from './fixtures';
import { counters, recount, sorted } from './recount';
import { seededRandom } from '../../helpers/seeded-random';

/**
 * The campaign page reads counters that triggers keep as messages are written (0021's tallies and
 * reply marks, 0024's minutes), never the rows. Here a few hundred random writes of every kind the
 * app makes (sends, receipts in any order, a failure after delivery, answers by contact and, for a
 * deleted contact, by WhatsApp id, late answers, test sends, deletions), then the counters must equal
 * a recount from the rows by the rules the page states.
 */

let tc: TestCore;
beforeAll(async () => {
  tc = await makeTestCore();
});
afterAll(() => tc.close());

const T0 = new Date(Date.UTC(2030, 2, 1, 9, 0, 0));

const q = <T = unknown>(sql: string, params: unknown[] = []) =>
  tc.core.ctx.tx.run((m) => m.query(sql, params)) as Promise<T>;

it('keeps the campaign counters equal to a recount of its rows through random writes of every kind', async () => {
  const rand = seededRandom(20301);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const campaignId = await addCampaign(tc.core, { name: 'Counted', status: 'running', startedAt: T0 });
  const contacts: { id: number; wa: string }[] = [];
  for (let i = 0; i < 40; i++) {
    const phone = `+9198700${String(10000 + i)}`;
    contacts.push({ id: await addContact(tc.core, { name: `Customer ${i}`, phone }), wa: phone.slice(1) });
  }
  const seeds: MessageSeed[] = contacts.map((c, i) => ({
    campaignId,
    contactId: c.id,
    waId: c.wa,
    status: 'queued',
    isTest: i % 13 === 0,
    createdAt: T0,
  }));
  await addMessages(tc.core, seeds);
  const messages = await q<{ id: number; contact_id: number; recipient_wa_id: string }[]>(
    `SELECT id, contact_id, recipient_wa_id FROM messages WHERE campaign_id = ?`,
    [campaignId],
  );
  const time = () => sqlDate(at(T0, Math.floor(rand() * 7200)));
  const statuses: MessageStatus[] = ['sending', 'unconfirmed', 'sent', 'delivered', 'read', 'failed'];

  for (let step = 0; step < 400; step++) {
    const message = pick(messages);
    const action = rand();
    if (action < 0.45) {
      // A status with some of its times: in order, out of order, or none (a reconciled crash).
      const status = pick(statuses);
      const times = ['sent_at', 'delivered_at', 'read_at', 'failed_at'].filter(() => rand() < 0.5);
      await q(`UPDATE messages SET status = ?${times.map((c) => `, ${c} = ?`).join('')} WHERE id = ?`, [
        status,
        ...times.map(() => time()),
        message.id,
      ]);
    } else if (action < 0.55) {
      // A time cleared or moved without a status change.
      const column = pick(['sent_at', 'delivered_at', 'read_at', 'failed_at']);
      await q(`UPDATE messages SET ${column} = ? WHERE id = ?`, [rand() < 0.3 ? null : time(), message.id]);
    } else if (action < 0.85) {
      // An answer: on the campaign's number or another, by contact or (contact gone) by WhatsApp id.
      const row = (
        await q<{ contact_id: number | null }[]>(`SELECT contact_id FROM messages WHERE id = ?`, [message.id])
      )[0];
      await addMessages(tc.core, [
        {
          campaignId: null,
          contactId: row?.contact_id ?? null,
          waId: message.recipient_wa_id,
          status: 'received',
          direction: 'in',
          phoneNumberId: rand() < 0.85 ? PHONE : OTHER_PHONE,
          createdAt: at(T0, Math.floor(rand() * 7200)),
        },
      ]);
    } else if (action < 0.9) {
      // The customer's contact is deleted: the campaign's row keeps their WhatsApp id only.
      await q(`DELETE FROM contacts WHERE id = (SELECT contact_id FROM messages WHERE id = ?)`, [message.id]);
    } else if (action < 0.93) {
      await q(`DELETE FROM messages WHERE id = ?`, [message.id]);
      messages.splice(messages.indexOf(message), 1);
    }
    if (step % 50 === 49) {
      const [want, got] = [await recount(q, campaignId), await counters(q, campaignId)];
      expect(sorted(got.minutes), `minutes after step ${step}`).toEqual(sorted(want.minutes));
      expect(got.tallies, `tallies after step ${step}`).toEqual(want.tallies);
    }
  }
  // The writes reached every kind of figure.
  const final = await recount(q, campaignId);
  for (const kind of ['sent', 'delivered', 'read', 'failed', 'replied'])
    expect(
      [...final.minutes.values()].some((r) => (r[kind] ?? 0) > 0),
      kind,
    ).toBe(true);
});
