import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecipientState } from '@shared/types/campaigns';
import { ok } from '../../helpers/dispatch';
import { signInOwner } from '../../helpers/people';
import { makeTestCore, type TestCore, writeSql } from '../../helpers/test-core';
import { at } from './fixtures';
import { buildScenario, NOW, T0, type Scenario } from './scenario';

let tc: TestCore;
let token: string;
let s: Scenario;

beforeAll(async () => {
  tc = await makeTestCore();
  token = await signInOwner(tc);
  s = await buildScenario(tc.core);
  tc.clock.advance(NOW.getTime() - tc.clock.now().getTime());
});
afterAll(() => tc.close());

const page = (state?: RecipientState, pageNo = 1, pageSize = 50) =>
  ok(tc.core, token, 'campaigns.recipients', {
    id: s.campaignId,
    page: pageNo,
    pageSize,
    ...(state ? { state } : {}),
  });
const contactsOf = async (state: RecipientState) =>
  (await page(state)).items.map((r) => s.c.indexOf(r.contactId ?? -1)).sort((a, b) => a - b);

describe('campaigns.recipients', () => {
  it('pages every recipient in queue order, without test sends', async () => {
    const first = await page(undefined, 1, 8);
    const last = await page(undefined, 3, 8);
    expect(first.total).toBe(20);
    expect(first.items).toHaveLength(8);
    expect(last.items).toHaveLength(4);
    const ids = [...first.items, ...(await page(undefined, 2, 8)).items, ...last.items].map(
      (r) => r.messageId,
    );
    expect(new Set(ids).size).toBe(20);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('filters by the state a person reads: a reply outranks read and delivered', async () => {
    expect(await contactsOf('queued')).toEqual([1, 2]);
    expect(await contactsOf('sending')).toEqual([3]);
    expect(await contactsOf('unconfirmed')).toEqual([4]);
    expect(await contactsOf('sent')).toEqual([5, 6]);
    expect(await contactsOf('delivered')).toEqual([7, 8, 9]);
    expect(await contactsOf('read')).toEqual([10, 11, 12, 13, 19, 20]);
    // c18's row has no contact any more: it shows with its number.
    expect(await contactsOf('replied')).toEqual([-1, 17]);
    expect(await contactsOf('failed')).toEqual([14, 15, 16]);
    const totals = await Promise.all(
      (['queued', 'sending', 'unconfirmed', 'sent', 'delivered', 'read', 'replied', 'failed'] as const).map(
        async (state) => (await page(state)).total,
      ),
    );
    expect(totals.reduce((a, b) => a + b, 0)).toBe(20);
  });

  it('gives each recipient its name, number, times, first reply and error', async () => {
    const replied = (await page('replied')).items;
    const c17 = replied.find((r) => r.contactId === s.c[17])!;
    expect(c17).toMatchObject({
      name: 'Customer 17',
      phone: '+919876543217',
      state: 'replied',
      error: null,
      sentAt: at(T0, 60).toISOString(),
      deliveredAt: at(T0, 120).toISOString(),
      readAt: null,
      repliedAt: at(T0, 300).toISOString(),
    });
    const c18 = replied.find((r) => r.contactId === null)!;
    expect(c18).toMatchObject({ name: null, phone: '+919876543218', repliedAt: at(T0, 310).toISOString() });
    const failed = (await page('failed')).items.find((r) => r.contactId === s.c[16])!;
    expect(failed.error).toEqual({
      code: 131049,
      title: 'This message was not delivered to maintain healthy ecosystem engagement.',
    });
    expect(failed.sentAt).toBeNull();
    const c20 = (await page('read')).items.find((r) => r.contactId === s.c[20])!;
    expect(c20.repliedAt).toBeNull();
  });
});

describe('campaigns.exportRecipients', () => {
  it('writes RFC 4180 CSV with the formula guard', async () => {
    const out = await ok(tc.core, token, 'campaigns.exportRecipients', { id: s.campaignId });
    expect(out.rows).toBe(20);
    expect(out.fileName).toBe('spring-sale-recipients-2030-01-15.csv');
    const lines = out.csv.split('\r\n');
    expect(lines[0]).toBe('name,phone,state,error_code,error,sent_at,delivered_at,read_at,replied_at');
    expect(lines).toHaveLength(22); // header, 20 rows, and the empty string after the last CRLF
    // A name that would run as a formula is written as text; quotes doubled inside a quoted field.
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://evil.test"",""Click"")",+919876543201,queued,,,,,,`);
    expect(lines[2]).toBe(`"Doe, ""Jr""",+919876543202,queued,,,,,,`);
    expect(out.csv).toContain(`Customer 14,+919876543214,failed,131026,Message undeliverable,,,,`);
    expect(out.csv).toContain(
      `Customer 17,+919876543217,replied,,,${at(T0, 60).toISOString()},${at(T0, 120).toISOString()},,${at(T0, 300).toISOString()}`,
    );
  });

  it('exports one state only when asked', async () => {
    const out = await ok(tc.core, token, 'campaigns.exportRecipients', { id: s.campaignId, state: 'failed' });
    expect(out.rows).toBe(3);
    expect(out.fileName).toBe('spring-sale-recipients-failed-2030-01-15.csv');
  });

  it('guards error titles too', async () => {
    await writeSql(
      tc.core,
      `UPDATE messages SET error_title = '@SUM(A1)' WHERE contact_id = ? AND campaign_id = ?`,
      [s.c[15], s.campaignId],
    );
    const out = await ok(tc.core, token, 'campaigns.exportRecipients', { id: s.campaignId, state: 'failed' });
    expect(out.csv).toContain(`Customer 15,+919876543215,failed,131026,'@SUM(A1),,,,`);
  });
});
