import { afterEach, describe, expect, it } from 'vitest';
import {
  PHONE_NUMBER_ID,
  acceptedPerRecipient,
  addContacts,
  addList,
  customers,
  helloCampaign,
  startCampaignApp,
  type CampaignApp,
  type CampaignAppOptions,
} from './campaign-app';

const apps: CampaignApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function campaignTo(
  count: number,
  prefix: string,
  options: CampaignAppOptions,
  mps: number | null = null,
) {
  const app = await startCampaignApp(options);
  apps.push(app);
  const ids = await addContacts(app.core, customers(count, prefix));
  const list = await addList(app.core, ids);
  const campaign = await helloCampaign(app, [list], { messagesPerSecond: mps });
  await app.core.services.campaigns.start(app.owner, campaign.id);
  return { app, campaign, waIds: customers(count, prefix).map((c) => c.waId) };
}

/** Every recipient reached exactly once. */
function onceEach(app: CampaignApp, waIds: string[]): void {
  const accepted = acceptedPerRecipient(app.sandbox);
  expect(waIds.filter((w) => accepted.get(w) !== 1)).toEqual([]);
  expect(accepted.size).toBe(waIds.length);
}

describe('what WhatsApp answers, and what the runner does with it', () => {
  it('retries server errors with backoff; nothing lost', async () => {
    const { app, campaign, waIds } = await campaignTo(
      40,
      '9190',
      { sandboxOptions: { faults: { serverError: 0.25 } }, campaigns: { maxAttempts: 12, retryBaseMs: 20 } },
      50,
    );
    expect((await app.settled(campaign.id)).status).toBe('finished');
    onceEach(app, waIds);
    const rows = await app.rows(campaign.id);
    expect(rows.filter((r) => r.status === 'failed')).toEqual([]);
    expect(rows.some((r) => r.attempts > 1)).toBe(true);
    expect(app.core.services.campaigns.runner.stats.requeued).toBeGreaterThan(0);
  });

  it('never resends on its own what timed out or lost its connection; sent again only when the user says', async () => {
    const { app, campaign, waIds } = await campaignTo(
      40,
      '9192',
      {
        sandboxOptions: { faults: { drop: 0.1, hang: 0.1 } },
        // No quiet period: nothing of these reached the sandbox (see unconfirmed.test.ts for it).
        campaigns: { maxAttempts: 12, retryBaseMs: 20, unconfirmedQuietMs: 0 },
        clientTimeoutMs: 300,
      },
      50,
    );
    expect((await app.settled(campaign.id)).status).toBe('finished');
    // The sandbox never accepts a request it hangs or drops, so these stay unconfirmed: no webhook.
    const unconfirmed = (await app.rows(campaign.id)).filter((r) => r.status === 'unconfirmed');
    expect(unconfirmed.length).toBeGreaterThan(0);
    expect(app.core.services.campaigns.runner.stats.unconfirmed).toBe(unconfirmed.length);
    const before = acceptedPerRecipient(app.sandbox);
    expect([...before.values()].every((n) => n === 1)).toBe(true);

    app.sandbox.configure({ faults: { drop: 0, hang: 0 } });
    await app.core.services.campaigns.resolveUnconfirmed(app.owner, campaign.id, 'resend');
    expect((await app.settled(campaign.id)).status).toBe('finished');
    onceEach(app, waIds);
  });

  it('slows down on 130429 bursts and requeues: nothing lost, nothing twice', async () => {
    // The number takes 8 a second; the campaign asks for 40.
    const { app, campaign, waIds } = await campaignTo(
      30,
      '9191',
      { campaigns: { throttleMs: 2_000, throttleRequeueMs: 100 } },
      40,
    );
    app.sandbox.setPhoneNumber(PHONE_NUMBER_ID, { throughputMps: 8 });
    expect((await app.settled(campaign.id)).status).toBe('finished');
    expect(app.core.services.campaigns.runner.stats.throttled).toBeGreaterThan(0);
    onceEach(app, waIds);
    const rows = await app.rows(campaign.id);
    expect(rows.filter((r) => r.status === 'failed')).toEqual([]);
  });

  it('pauses the campaign on 131048 with the reason, and sends nothing more', async () => {
    // The business has room for 5 more customers today; the app believes its tier allows more.
    const { app, campaign } = await campaignTo(12, '9192', {
      sandboxOptions: { limits: { dailyUniqueRecipients: 5 } },
    });
    const paused = await app.settled(campaign.id);
    expect(paused.status).toBe('paused');
    expect(paused.notice).toMatch(/131048/);
    expect(paused.notice).toMatch(/Resume/);
    expect(app.sandbox.messages()).toHaveLength(5);
    const rows = await app.rows(campaign.id);
    expect(rows.filter((r) => r.status === 'queued')).toHaveLength(7);
    expect(rows.filter((r) => r.status === 'failed')).toEqual([]);
  });

  it('fails a recipient for good on a permanent error, with Meta’s code and title', async () => {
    const app = await startCampaignApp();
    apps.push(app);
    const ids = await addContacts(app.core, [{ waId: '919300000001' }, { waId: '919300000000' }]);
    const list = await addList(app.core, ids);
    const campaign = await helloCampaign(app, [list]);
    await app.core.services.campaigns.start(app.owner, campaign.id);
    expect((await app.settled(campaign.id)).status).toBe('finished');
    await app.quiet();
    // Not on WhatsApp: accepted, then failed by webhook (as Meta does) with 131026.
    const rows = await app.rows(campaign.id);
    expect(rows.find((r) => r.recipientWaId === '919300000000')).toMatchObject({
      status: 'failed',
      errorCode: 131026,
      errorTitle: 'Message undeliverable',
    });
  });
});
