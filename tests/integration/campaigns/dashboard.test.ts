import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardDto } from '@shared/types/dashboard';
import {
  addContacts,
  addList,
  customers,
  helloCampaign,
  startCampaignApp,
  type CampaignApp,
} from './campaign-app';

/**
 * The dashboard through the token API after a sandbox campaign: the same figures as the campaign's
 * own page, the quota used by customers reached outside a service window, and messages per day in
 * the organization's time zone, all from the aggregate rows triggers keep.
 */
let app: CampaignApp;
beforeAll(async () => {
  app = await startCampaignApp();
});
afterAll(async () => {
  await app.close();
});

async function dashboard(token: string, days?: number): Promise<{ status: number; data: DashboardDto }> {
  const response = await fetch(
    `${app.side.publicServer.url}/api/v1/dashboard${days ? `?days=${days}` : ''}`,
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  const body = (await response.json()) as { data: DashboardDto };
  return { status: response.status, data: body.data };
}

describe('GET /api/v1/dashboard', () => {
  it('shows a finished campaign with the figures of its page, the quota used and today’s messages', async () => {
    const { token } = await app.core.services.tokens.create(app.owner, 'wall screen', ['dashboard.read']);
    const empty = await dashboard(token, 7);
    expect(empty.status).toBe(200);
    expect(empty.data.period.dates).toHaveLength(7);
    expect(empty.data.contacts.total).toBe(0);
    expect(empty.data.quota).toMatchObject({ used: 0, dailyLimit: 10_000, left: 10_000 });

    const ids = await addContacts(app.core, customers(5, '9192'));
    const campaign = await helloCampaign(app, [await addList(app.core, ids)], { name: 'Diwali' });
    await app.core.services.campaigns.start(app.owner, campaign.id);
    await app.settled(campaign.id);
    await app.quiet();
    // One customer answers: a reply on the campaign's page and on the dashboard. Meta's timestamps
    // are whole seconds and a reply counts when it is later than the message, so the customer
    // writes in the next second, as a person would (same-second answers: in the closing note).
    await new Promise((r) => setTimeout(r, 1_050 - (Date.now() % 1_000)));
    app.sandbox.customerSends(customers(5, '9192')[0]!.waId, { type: 'text', text: 'Thanks!' });
    await app.quiet();

    const page = await app.core.services.campaignAnalytics.analytics(campaign.id);
    const { status, data } = await dashboard(token, 30);
    expect(status).toBe(200);
    const shown = data.campaigns.finished.find((c) => c.id === campaign.id);
    expect(shown).toMatchObject({
      name: 'Diwali',
      recipients: page.figures.recipients,
      sent: page.figures.sent,
      delivered: page.figures.delivered,
      read: page.figures.read,
      replied: page.figures.replied,
      failed: page.figures.failed,
      rates: page.figures.rates,
    });
    expect(page.figures).toMatchObject({ recipients: 5, sent: 5, replied: 1 });
    expect(data.campaigns.best.byReply?.id).toBe(campaign.id);
    // Five customers who had not written: five counted against the portfolio's limit.
    expect(data.quota).toMatchObject({ used: 5, left: 9_995 });
    expect(data.quota.nextRoomAt).not.toBeNull();
    const today = data.days.at(-1)!;
    expect(today).toMatchObject({ sent: 5, delivered: 5, received: 1 });
    expect(data.contacts).toMatchObject({ total: 5, newInPeriod: 5 });
    expect(data.contacts.growth.at(-1)).toMatchObject({ total: 5, added: 5 });
    expect(data.spending).toMatchObject({ totalMessages: 5 });
    expect(data.spending.lines).toEqual([
      expect.objectContaining({ category: 'utility', type: 'regular', messages: 5 }),
    ]);
    expect(data.numbers.length).toBeGreaterThan(0);
  });

  it('refuses a period other than 7, 30 or 90 days, and a token without dashboard.read', async () => {
    const { token } = await app.core.services.tokens.create(app.owner, 'reader', ['dashboard.read']);
    expect((await dashboard(token, 12)).status).toBe(400);
    const { token: other } = await app.core.services.tokens.create(app.owner, 'contacts', ['contacts.read']);
    expect((await dashboard(other)).status).toBe(403);
  });
});
