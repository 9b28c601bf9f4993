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
} from './campaign-app';

const apps: CampaignApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function withRecipients(count: number, prefix: string) {
  const app = await startCampaignApp();
  apps.push(app);
  const ids = await addContacts(app.core, customers(count, prefix));
  return { app, list: await addList(app.core, ids) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('pace', () => {
  it('keeps to the set rate: the sandbox refuses nothing, and the rate is within 5%', async () => {
    const { app, list } = await withRecipients(180, '9180');
    // The sandbox holds the number to exactly 30 a second, in a sliding window, as Meta does.
    app.sandbox.setPhoneNumber(PHONE_NUMBER_ID, { throughputMps: 30 });
    const campaign = await helloCampaign(app, [list], { messagesPerSecond: 30 });
    await app.core.services.campaigns.start(app.owner, campaign.id);
    expect((await app.settled(campaign.id, 30_000)).status).toBe('finished');

    expect(app.core.services.campaigns.runner.stats).toMatchObject({ sent: 180, throttled: 0, requeued: 0 });
    const times = app.sandbox
      .messages()
      .map((m) => m.acceptedAt)
      .sort((a, b) => a - b);
    expect(times).toHaveLength(180);
    // Past the first second of ramp-up.
    const window = times.filter((t) => t >= times[0]! + 1_000);
    const rate = ((window.length - 1) * 1000) / (window.at(-1)! - window[0]!);
    expect(rate).toBeGreaterThan(30 * 0.95);
    expect(rate).toBeLessThan(30 * 1.05);
  }, 40_000);
});

describe('pause and resume', () => {
  it('stops new sends within a second, and resume sends only what is left', async () => {
    const { app, list } = await withRecipients(120, '9181');
    const service = app.core.services.campaigns;
    const campaign = await helloCampaign(app, [list], { messagesPerSecond: 40 });
    await service.start(app.owner, campaign.id);
    await sleep(1_000);
    const paused = await service.pause(app.owner, campaign.id);
    expect(paused.status).toBe('paused');
    const pausedAt = Date.now();
    await service.runner.idle(campaign.id);
    expect(Date.now() - pausedAt).toBeLessThan(1_000);
    const atPause = app.sandbox.messages().length;
    await sleep(700);
    expect(app.sandbox.messages().length).toBe(atPause);
    expect(atPause).toBeGreaterThan(10);
    expect(atPause).toBeLessThan(120);
    const rows = await app.rows(campaign.id);
    // In-flight sends finished and were recorded; nothing is left half-way.
    expect(rows.filter((r) => r.status === 'sending')).toEqual([]);
    expect(rows.filter((r) => r.waMessageId !== null)).toHaveLength(atPause);

    await service.resume(app.owner, campaign.id);
    expect((await app.settled(campaign.id)).status).toBe('finished');
    const accepted = acceptedPerRecipient(app.sandbox);
    expect(accepted.size).toBe(120);
    expect([...accepted.values()].every((n) => n === 1)).toBe(true);
  }, 30_000);
});
