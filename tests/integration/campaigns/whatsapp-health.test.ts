import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setPriceTable } from '../../../electron/core/pricing/cost';
import { OPTED_OUT_TITLE } from '../../../electron/core/campaigns/campaign-runner';
import { ContactEntity } from '../../../electron/core/db/entities/contact';
import { MessagingLimitEntity } from '../../../electron/core/db/entities/health';
import {
  MessageEntity,
  PhoneNumberEntity,
  TemplateEntity,
} from '../../../electron/core/db/entities/messaging';
import {
  addContacts,
  addList,
  customers,
  helloCampaign,
  startCampaignApp,
  type CampaignApp,
} from './campaign-app';

/**
 * What WhatsApp itself decides, produced by the sandbox and applied by the app (issue 13, items 2–5):
 * its own marketing stop and resume, errors 131050 and 131049, pricing in statuses, the portfolio's
 * messaging limit, and templates paused, re-rated or moved to another category while in use.
 */
let app: CampaignApp;
beforeEach(async () => {
  app = await startCampaignApp();
});
afterEach(async () => {
  await app.close();
});

const contacts = () => app.core.ctx.db.getRepository(ContactEntity);
const messagesTo = (waId: string) => app.sandbox.messages({ to: waId });

/** hello_world becomes a marketing template, as WhatsApp can decide (template_category_update). */
async function helloIsMarketing(): Promise<string> {
  const id = await app.templateId('hello_world');
  app.sandbox.changeTemplate(id, { category: 'MARKETING' });
  await app.quiet();
  return id;
}

describe('WhatsApp’s own marketing stop (user_preferences)', () => {
  it('opts the customer out during a running campaign, from the next send; resume lifts only that opt-out', async () => {
    // More than the runner reads ahead, so the last row is read after the stop.
    const seeds = customers(12, '9196');
    const ids = await addContacts(app.core, seeds);
    const list = await addList(app.core, ids);
    const campaign = await helloCampaign(app, [list], { messagesPerSecond: 5 });
    await app.core.services.campaigns.start(app.owner, campaign.id);
    const last = seeds.at(-1)!.waId;
    app.sandbox.customerPreference(last, { value: 'stop' });
    await app.quiet();

    const stopped = await contacts().findOneByOrFail({ waId: last });
    expect(stopped).toMatchObject({ optedOut: true, optOutSource: 'whatsapp' });
    expect(stopped.optOutDetail).toContain('stop');
    expect(stopped.optedOutAt).toBeInstanceOf(Date);

    await app.settled(campaign.id, 30_000);
    await app.quiet();
    expect(messagesTo(last)).toHaveLength(0);
    const row = (await app.rows(campaign.id)).find((r) => r.recipientWaId === last)!;
    expect(row).toMatchObject({ status: 'failed', errorTitle: OPTED_OUT_TITLE });
    // The others were all sent.
    expect(app.sandbox.messages().length).toBe(seeds.length - 1);

    // A customer the shop opted out by keyword stays opted out whatever WhatsApp's resume says.
    const keyword = seeds[0]!.waId;
    await app.core.ctx.tx.run((m) =>
      m.query(`UPDATE contacts SET opted_out = 1, opt_out_source = 'keyword' WHERE wa_id = ?`, [keyword]),
    );
    app.sandbox.customerPreference(last, { value: 'resume' });
    app.sandbox.customerPreference(keyword, { value: 'resume' });
    await app.quiet();
    expect(await contacts().findOneByOrFail({ waId: last })).toMatchObject({
      optedOut: false,
      optOutSource: null,
    });
    expect(await contacts().findOneByOrFail({ waId: keyword })).toMatchObject({
      optedOut: true,
      optOutSource: 'keyword',
    });
  });

  it('a stop from someone not yet a contact makes them an opted-out contact', async () => {
    app.sandbox.customerPreference('919600000042', { value: 'stop' });
    await app.quiet();
    expect(await contacts().findOneByOrFail({ waId: '919600000042' })).toMatchObject({
      optedOut: true,
      optOutSource: 'whatsapp',
    });
  });
});

describe('errors 131050 and 131049 on marketing sends', () => {
  it('131050 opts the customer out and is sent once; 131049 holds marketing to them for 24 h, no opt-out', async () => {
    await helloIsMarketing();
    const [stopper, held, fine] = ['919500000011', '919500000021', '919500000031'];
    const ids = await addContacts(app.core, [{ waId: stopper! }, { waId: held! }, { waId: fine! }]);
    // Only WhatsApp knows: the customer wrote STOP outside any campaign of ours (so no keyword
    // opt-out here; the sandbox takes it as WhatsApp's stop), or WhatsApp holds marketing back.
    app.sandbox.customerSends(stopper!, { type: 'text', text: 'STOP' });
    app.sandbox.holdMarketing(held!, { held: true });
    await app.quiet();
    expect(await contacts().findOneByOrFail({ waId: stopper })).toMatchObject({ optedOut: false });
    const list = await addList(app.core, ids);
    const first = await helloCampaign(app, [list]);
    const startedAt = Date.now();
    await app.core.services.campaigns.start(app.owner, first.id);
    await app.settled(first.id);
    await app.quiet();

    const rows = await app.rows(first.id);
    expect(rows.find((r) => r.recipientWaId === stopper)).toMatchObject({
      status: 'failed',
      errorCode: 131050,
    });
    expect(rows.find((r) => r.recipientWaId === held)).toMatchObject({ status: 'failed', errorCode: 131049 });
    const optedOut = await contacts().findOneByOrFail({ waId: stopper });
    expect(optedOut).toMatchObject({ optedOut: true, optOutSource: 'whatsapp' });
    expect(optedOut.optOutDetail).toContain('131050');
    const heldContact = await contacts().findOneByOrFail({ waId: held });
    expect(heldContact.optedOut).toBe(false);
    expect(heldContact.marketingHeldUntil!.getTime()).toBeGreaterThanOrEqual(startedAt + 24 * 3_600_000);
    expect(messagesTo(stopper!)).toHaveLength(1);
    expect(messagesTo(held!)).toHaveLength(1);

    // A later marketing campaign leaves the opted-out customer out and waits for the held one.
    const second = await helloCampaign(app, [list], { name: 'Second' });
    await app.core.services.campaigns.start(app.owner, second.id);
    await vi.waitFor(
      async () => {
        const rows2 = await app.rows(second.id);
        expect(rows2.find((r) => r.recipientWaId === fine)?.status).not.toBe('queued');
        const heldRow = rows2.find((r) => r.recipientWaId === held);
        expect(heldRow?.status).toBe('queued');
        expect(heldRow!.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(
          heldContact.marketingHeldUntil!.getTime(),
        );
      },
      { timeout: 10_000, interval: 100 },
    );
    expect(messagesTo(stopper!)).toHaveLength(1);
    expect(messagesTo(held!)).toHaveLength(1);
    await app.core.services.campaigns.pause(app.owner, second.id);
  });
});

describe('pricing in statuses', () => {
  it('keeps each message’s pricing category and type, and counts the campaign’s messages by category once', async () => {
    const ids = await addContacts(app.core, customers(3, '9194'));
    const campaign = await helloCampaign(app, [await addList(app.core, ids)]);
    await app.core.services.campaigns.start(app.owner, campaign.id);
    await app.settled(campaign.id);
    await app.quiet();
    for (const row of await app.rows(campaign.id)) {
      expect(row).toMatchObject({
        pricingCategory: 'utility',
        pricingType: 'regular',
        pricingBillable: true,
      });
    }
    // sent and delivered both carry pricing: each message is counted once.
    const counted = (await app.core.ctx.db.query(
      `SELECT category, type, country, sum(messages) AS messages FROM campaign_pricing WHERE campaign_id = ?
        GROUP BY category, type, country`,
      [campaign.id],
    )) as unknown[];
    expect(counted).toEqual([{ category: 'utility', type: 'regular', country: 'IN', messages: 3 }]);

    // The token API shows it in messages, and in money once the shop fills in a price for the country.
    const { token } = await app.core.services.tokens.create(app.owner, 'books', [
      'campaigns.analytics',
      'settings.write',
    ]);
    const api = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${app.side.publicServer.url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return (await response.json()) as { data: Record<string, unknown> };
    };
    const before = await api('GET', `/campaigns/${campaign.id}/cost`);
    expect(before.data).toMatchObject({
      campaignId: campaign.id,
      currency: null,
      totalMessages: 3,
      billableMessages: 3,
      amount: null,
      lines: [{ category: 'utility', type: 'regular', messages: 3, billableMessages: 3, amount: null }],
      unpriced: [{ category: 'utility', country: 'IN', messages: 3 }],
    });
    await app.core.ctx.tx.run((m) =>
      setPriceTable(
        m,
        {
          currency: 'INR',
          prices: [
            { category: 'utility', country: 'IN', price: 0.145 },
            { category: 'utility', country: '*', price: 1 },
          ],
        },
        null,
        new Date(),
      ),
    );
    const after = await api('GET', `/campaigns/${campaign.id}/cost`);
    expect(after.data).toMatchObject({ currency: 'INR', amount: 0.435, unpriced: [] });
  });
});

describe('the portfolio’s messaging limit', () => {
  it('business_capability_update sets the limit every number shares', async () => {
    app.sandbox.setMessagingLimit({ tier: 'TIER_2K' });
    await app.quiet();
    expect(
      await app.core.ctx.db.getRepository(MessagingLimitEntity).findOneByOrFail({ id: 1 }),
    ).toMatchObject({ tier: 'TIER_2K', dailyLimit: 2_000, source: 'business_capability_update' });
    for (const number of await app.core.ctx.db.getRepository(PhoneNumberEntity).find()) {
      expect(number.messagingLimitTier).toBe('TIER_2K');
    }
  });
});

describe('template quality, category and status, live', () => {
  it('a quality rating and a new category show on the template', async () => {
    const id = await app.templateId('hello_world');
    app.sandbox.changeTemplate(id, { quality: 'YELLOW', category: 'MARKETING' });
    await app.quiet();
    const [dto] = (await app.core.services.templates.list({})).filter((t) => t.id === id);
    expect(dto).toMatchObject({ qualityScore: 'YELLOW', category: 'MARKETING', previousCategory: 'UTILITY' });
  });

  it('a campaign whose template WhatsApp pauses mid-way pauses itself with the reason, and sends no more', async () => {
    const ids = await addContacts(app.core, customers(20, '9193'));
    const campaign = await helloCampaign(app, [await addList(app.core, ids)], { messagesPerSecond: 2 });
    await app.core.services.campaigns.start(app.owner, campaign.id);
    await vi.waitFor(() => expect(app.sandbox.messages().length).toBeGreaterThan(0), { timeout: 10_000 });
    const templateId = await app.templateId('hello_world');
    app.sandbox.changeTemplate(templateId, { status: 'PAUSED', reason: 'Customers blocked it often' });
    const paused = await app.settled(campaign.id);
    expect(paused.status).toBe('paused');
    expect(paused.notice).toContain('paused');
    expect(paused.notice).toContain('Customers blocked it often');
    const sent = app.sandbox.messages().length;
    expect(sent).toBeLessThan(20);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(app.sandbox.messages().length).toBe(sent);
    expect(
      await app.core.ctx.db.getRepository(TemplateEntity).findOneByOrFail({ id: templateId }),
    ).toMatchObject({
      status: 'PAUSED',
    });
    expect(
      await app.core.ctx.db
        .getRepository(MessageEntity)
        .countBy({ campaignId: campaign.id, status: 'queued' }),
    ).toBeGreaterThan(0);
  });
});
