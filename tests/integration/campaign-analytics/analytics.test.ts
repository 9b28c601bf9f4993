import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignAnalyticsDto, RecipientState } from '@shared/types/campaigns';
import { planBuckets } from '../../../electron/core/campaigns/analytics/timeline';
import { fail, ok } from '../../helpers/dispatch';
import { signInOwner } from '../../helpers/people';
import { makeTestCore, type TestCore } from '../../helpers/test-core';
import { addCampaign, addContact, addMessages, at, OTHER_PHONE, type MessageSeed } from './fixtures';
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

const analytics = (id: number) => ok(tc.core, token, 'campaigns.analytics', { id });
const recipients = (id: number, state: RecipientState) =>
  ok(tc.core, token, 'campaigns.recipients', { id, state, page: 1, pageSize: 50 });

describe('campaigns.analytics figures', () => {
  it('counts every state of a known mix, from the message rows', async () => {
    const a = await analytics(s.campaignId);
    expect(a.status).toBe('running');
    expect(a.figures).toEqual({
      recipients: 20,
      queued: 2,
      sending: 1,
      unconfirmed: 1,
      // sent or beyond: 2 sent + 4 delivered + 7 read
      sent: 13,
      delivered: 11,
      read: 7,
      // c17 by contact, c18 by WhatsApp id; not c19 (another number) nor c20 (wrote before)
      replied: 2,
      failed: 3,
      // c13 by keyword after the start, c12 left the campaign's list; not c11 (before), c10 (other list)
      optedOut: 2,
      rates: { delivery: 11 / 20, read: 7 / 20, reply: 2 / 20, failure: 3 / 20 },
    });
  });

  it('groups failures by Meta’s code, most frequent first, with the title as the reason', async () => {
    const a = await analytics(s.campaignId);
    expect(a.failuresByCode).toEqual([
      { code: 131026, reason: 'Message undeliverable', count: 2 },
      {
        code: 131049,
        reason: 'This message was not delivered to maintain healthy ecosystem engagement.',
        count: 1,
      },
    ]);
  });

  it('keeps test sends out of every figure', async () => {
    const before = await analytics(s.campaignId);
    await addMessages(tc.core, [
      {
        campaignId: s.campaignId,
        contactId: s.c[3]!,
        waId: 'test-3',
        status: 'failed',
        isTest: true,
        createdAt: T0,
        failedAt: at(T0, 30),
        errorCode: 1,
        errorTitle: 'Test',
      },
      {
        campaignId: s.campaignId,
        contactId: null,
        waId: 'test-x',
        status: 'sent',
        isTest: true,
        createdAt: T0,
        sentAt: at(T0, 590),
      },
    ]);
    const after = await analytics(s.campaignId);
    expect(after.figures).toEqual(before.figures);
    expect(after.failuresByCode).toEqual(before.failuresByCode);
    expect(after.timeline).toEqual(before.timeline);
    expect(after.progress).toEqual(before.progress);
  });

  it('counts a reply only when it is inbound, after the campaign message and on the same number', async () => {
    // A campaign of its own with one recipient, sent at T0+60: the scenario's figures stay as they are.
    const contactId = await addContact(tc.core, { name: 'Replier', phone: '+919876500001' });
    const id = await addCampaign(tc.core, { name: 'One reply', status: 'running', startedAt: T0 });
    const wa = '919876500001';
    const base = { campaignId: null, contactId, waId: wa };
    await addMessages(tc.core, [
      { campaignId: id, contactId, waId: wa, status: 'sent', createdAt: T0, sentAt: at(T0, 60) },
      // An outbound message after, an inbound one before, an inbound one on another number: none count.
      { ...base, status: 'sent', createdAt: at(T0, 400), sentAt: at(T0, 400) },
      { ...base, status: 'received', direction: 'in', createdAt: at(T0, 59) },
      { ...base, status: 'received', direction: 'in', phoneNumberId: OTHER_PHONE, createdAt: at(T0, 400) },
    ]);
    expect((await analytics(id)).figures.replied).toBe(0);
    expect((await recipients(id, 'replied')).total).toBe(0);
    await addMessages(tc.core, [{ ...base, status: 'received', direction: 'in', createdAt: at(T0, 125) }]);
    // An earlier answer that arrives late (webhooks come in any order) moves the reply's time back.
    await addMessages(tc.core, [{ ...base, status: 'received', direction: 'in', createdAt: at(T0, 61) }]);
    const a = await analytics(id);
    expect(a.figures.replied).toBe(1);
    expect(a.timeline.find((b) => b.replied === 1)?.at).toBe(at(T0, 60).toISOString());
    const page = await recipients(id, 'replied');
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ state: 'replied', repliedAt: at(T0, 61).toISOString() });
  });

  it('answers NOT_FOUND for a campaign that does not exist', async () => {
    expect((await fail(tc.core, token, 'campaigns.analytics', { id: 9999 })).code).toBe('NOT_FOUND');
  });
});

describe('campaigns.analytics timeline', () => {
  const totals = (b: CampaignAnalyticsDto['timeline'][number]) => {
    const { at: _at, ...rest } = b;
    return rest;
  };

  it('has one-minute buckets of running totals that never fall and end at the figures', async () => {
    const a = await analytics(s.campaignId);
    expect(a.timeline).toHaveLength(11);
    expect(a.bucketSeconds).toBe(60);
    expect(a.timeline[0]!.at).toBe(T0.toISOString());
    const zero = { sent: 0, delivered: 0, read: 0, replied: 0, failed: 0, optedOut: 0 };
    expect(totals(a.timeline[0]!)).toEqual(zero);
    expect(a.timeline[1]).toEqual({ ...zero, at: at(T0, 60).toISOString(), sent: 13, failed: 2 });
    expect(totals(a.timeline[2]!)).toEqual({ ...zero, sent: 13, delivered: 11, failed: 2 });
    expect(totals(a.timeline[3]!)).toMatchObject({ read: 7 });
    // c16 failed and c12, c13 opted out in the fifth minute; c17 and c18 replied in the sixth.
    expect(totals(a.timeline[4]!)).toMatchObject({ failed: 3, optedOut: 2, replied: 0 });
    expect(totals(a.timeline[5]!)).toMatchObject({ replied: 2 });
    for (let i = 1; i < a.timeline.length; i++) {
      for (const [key, value] of Object.entries(totals(a.timeline[i]!)))
        expect(value, `${key} at bucket ${i}`).toBeGreaterThanOrEqual(
          totals(a.timeline[i - 1]!)[key as keyof ReturnType<typeof totals>],
        );
    }
    const { sent, delivered, read, replied, failed, optedOut } = a.figures;
    expect(totals(a.timeline.at(-1)!)).toEqual({ sent, delivered, read, replied, failed, optedOut });
  });

  it('reaches receipts that come days after the end, in hour buckets on the organization’s clock', async () => {
    const start = at(T0, -3 * 86_400);
    const id = await addCampaign(tc.core, {
      name: 'Old',
      status: 'finished',
      startedAt: start,
      finishedAt: at(start, 3600),
    });
    const row = (i: number, extra: Partial<MessageSeed>): MessageSeed => ({
      campaignId: id,
      contactId: null,
      waId: `old-${i}`,
      status: 'queued',
      createdAt: start,
      ...extra,
    });
    await addMessages(tc.core, [
      row(1, { status: 'read', sentAt: at(start, 10), deliveredAt: at(start, 20), readAt: at(T0, 0) }),
      // Reconciled after a crash: read arrived with no sent or delivered time.
      row(2, { status: 'read', readAt: at(start, 4000) }),
      row(3, { status: 'delivered', sentAt: at(start, 10), deliveredAt: at(start, 30) }),
      row(4, { status: 'failed', failedAt: at(start, 50) }),
      // Sent, but before the recorded start: lands in the first bucket.
      row(5, { status: 'sent', sentAt: at(start, -7200) }),
    ]);
    const a = await analytics(id);
    expect(a.timeline.length).toBeLessThanOrEqual(100);
    expect(a.timeline.length).toBeGreaterThan(50);
    expect(a.bucketSeconds).toBe(3600);
    expect(Date.parse(a.timeline[1]!.at) - Date.parse(a.timeline[0]!.at)).toBe(3600_000);
    // The test organization is in Asia/Kolkata (UTC+5:30): 09:00 UTC is 14:30 there, so the first
    // hour bucket starts at 14:00 local, 08:30 UTC.
    expect(a.timeline[0]!.at).toBe(at(start, -1800).toISOString());
    expect(a.timeline[0]).toMatchObject({ sent: 3, delivered: 2, failed: 1 });
    const { sent, delivered, read, failed } = a.figures;
    expect({ sent, delivered, read, failed }).toEqual({ sent: 4, delivered: 3, read: 2, failed: 1 });
    expect(a.timeline.at(-1)).toMatchObject({ sent, delivered, read, failed });
    expect(a.timeline.at(-2)).toMatchObject({ read: 1 });
    expect(a.progress).toMatchObject({ done: 5, total: 5, etaSeconds: null });
  });

  it('is empty for a campaign that has not started', async () => {
    const id = await addCampaign(tc.core, { name: 'Draft', status: 'draft' });
    const a = await analytics(id);
    expect(a.timeline).toEqual([]);
    expect(a.figures.recipients).toBe(0);
    expect(a.figures.rates).toEqual({ delivery: 0, read: 0, reply: 0, failure: 0 });
    expect(a.progress).toEqual({ done: 0, total: 0, perSecond: 0, etaSeconds: null });
  });

  it('picks the bucket size from the duration: a minute up to an hour, at most ~100 buckets', () => {
    const plan = (seconds: number) => planBuckets(T0, at(T0, seconds));
    expect(plan(600)).toMatchObject({ sizeSeconds: 60, count: 11 });
    expect(plan(3 * 3600)).toMatchObject({ sizeSeconds: 120, count: 91 });
    expect(plan(12 * 3600).sizeSeconds).toBe(600);
    expect(plan(48 * 3600)).toMatchObject({ sizeSeconds: 1800, count: 97 });
    expect(plan(96 * 3600)).toMatchObject({ sizeSeconds: 3600, count: 97 });
    expect(plan(0)).toMatchObject({ sizeSeconds: 60, count: 1 });
    // Whole hours and days on the organization's clock, whatever its offset from UTC.
    expect(planBuckets(T0, at(T0, 96 * 3600), 'Asia/Kolkata').start).toEqual(at(T0, -1800));
    expect(planBuckets(T0, at(T0, 30 * 86_400), 'America/New_York').start.toISOString()).toBe(
      '2030-01-15T05:00:00.000Z',
    );
    for (const seconds of [59, 3600, 86_400, 30 * 86_400])
      expect(plan(seconds).count).toBeLessThanOrEqual(100);
    // Buckets start on whole minutes.
    expect(planBuckets(at(T0, 17), at(T0, 300)).start).toEqual(T0);
  });
});

describe('campaigns.analytics progress', () => {
  async function pacedCampaign(status: 'running' | 'paused', startedSecondsAgo: number) {
    const now = tc.clock.now();
    const id = await addCampaign(tc.core, {
      name: `Paced ${status}`,
      status,
      startedAt: at(now, -startedSecondsAgo),
    });
    const rows: MessageSeed[] = [];
    const row = (i: number, extra: Partial<MessageSeed>): MessageSeed => ({
      campaignId: id,
      contactId: null,
      waId: `p-${id}-${i}`,
      status: 'queued',
      createdAt: at(now, -startedSecondsAgo),
      ...extra,
    });
    // 120 in the last minute (two a second), 30 long before, 50 still queued.
    for (let i = 0; i < 120; i++) rows.push(row(i, { status: 'sent', sentAt: at(now, -59.5 + i * 0.49) }));
    for (let i = 120; i < 150; i++)
      rows.push(row(i, { status: 'delivered', sentAt: at(now, -200), deliveredAt: at(now, -190) }));
    for (let i = 150; i < 200; i++) rows.push(row(i, {}));
    await addMessages(tc.core, rows);
    return id;
  }

  it('measures the pace over the last minute of sends and gives the time left at that pace', async () => {
    const id = await pacedCampaign('running', 300);
    expect((await analytics(id)).progress).toEqual({ done: 150, total: 200, perSecond: 2, etaSeconds: 25 });
  });

  it('gives no time left while paused', async () => {
    const id = await pacedCampaign('paused', 300);
    expect((await analytics(id)).progress).toMatchObject({ done: 150, total: 200, etaSeconds: null });
  });

  it('measures a campaign that started less than a minute ago over its own age', async () => {
    const now = tc.clock.now();
    const id = await addCampaign(tc.core, { name: 'Fresh', status: 'running', startedAt: at(now, -20) });
    const rows: MessageSeed[] = [];
    for (let i = 0; i < 100; i++) {
      rows.push({
        campaignId: id,
        contactId: null,
        waId: `f-${i}`,
        status: i < 60 ? 'sent' : 'queued',
        createdAt: at(now, -20),
        ...(i < 60 ? { sentAt: at(now, -19 + i * 0.3) } : {}),
      });
    }
    await addMessages(tc.core, rows);
    expect((await analytics(id)).progress).toEqual({ done: 60, total: 100, perSecond: 3, etaSeconds: 14 });
  });

  it('shows no pace and no time left for a running campaign that has sent nothing for ten seconds', async () => {
    // As when the messaging limit is reached: 80 sent fast until 15 s ago, then nothing; 20 wait.
    const now = tc.clock.now();
    const id = await addCampaign(tc.core, { name: 'Stalled', status: 'running', startedAt: at(now, -120) });
    const rows: MessageSeed[] = [];
    for (let i = 0; i < 100; i++) {
      rows.push({
        campaignId: id,
        contactId: null,
        waId: `s-${i}`,
        status: i < 80 ? 'sent' : 'queued',
        createdAt: at(now, -120),
        ...(i < 80 ? { sentAt: at(now, -55 + i * 0.5) } : {}),
      });
    }
    await addMessages(tc.core, rows);
    expect((await analytics(id)).progress).toEqual({ done: 80, total: 100, perSecond: 0, etaSeconds: null });
    // Sending again: the pace over the last minute and the time left come back.
    await addMessages(tc.core, [
      {
        campaignId: id,
        contactId: null,
        waId: 's-again',
        status: 'sent',
        createdAt: at(now, -120),
        sentAt: at(now, -2),
      },
    ]);
    const moving = (await analytics(id)).progress;
    expect(moving.perSecond).toBeGreaterThan(1);
    expect(moving.etaSeconds).not.toBeNull();
  });
});
