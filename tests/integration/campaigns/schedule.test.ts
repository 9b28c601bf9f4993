import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../electron/core/whatsapp/sandbox';
import { makeTempDir } from '../../helpers/test-core';
import {
  TEST_SANDBOX,
  acceptedPerRecipient,
  addContacts,
  addList,
  customers,
  helloCampaign,
  startCampaignApp,
  type CampaignApp,
} from './campaign-app';

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const task of cleanup.reverse()) await task();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForStatus(app: CampaignApp, id: number, status: string, timeoutMs = 5_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const dto = await app.core.services.campaigns.get(id);
    if (dto.status === status) return dto;
    if (Date.now() > until) throw new Error(`campaign ${id} is ${dto.status}, not ${status}`);
    await sleep(20);
  }
}

describe('scheduled campaigns', () => {
  it('turn running on time and send', async () => {
    const app = await startCampaignApp();
    cleanup.push(() => app.close());
    const ids = await addContacts(app.core, customers(3, '9195'));
    const campaign = await helloCampaign(app, [await addList(app.core, ids)]);
    const due = Date.now() + 600;
    await app.core.services.campaigns.schedule(app.owner, campaign.id, new Date(due).toISOString());
    await sleep(300);
    expect((await app.core.services.campaigns.get(campaign.id)).status).toBe('scheduled');
    const running = await waitForStatus(app, campaign.id, 'running', 3_000).catch(() =>
      app.core.services.campaigns.get(campaign.id),
    );
    // The scheduler looks every 100 ms here: it starts within a tick of the time.
    expect(Date.now() - due).toBeLessThan(1_000);
    expect(['running', 'finished']).toContain(running.status);
    const done = await app.settled(campaign.id);
    expect(done).toMatchObject({ status: 'finished', notice: null });
    expect(Date.parse(done.startedAt!)).toBeGreaterThanOrEqual(due);
  });

  it('that fell due while the app was closed start at the next launch, and say so', async () => {
    const sandbox: RunningSandbox = await startSandbox(TEST_SANDBOX);
    const dataDir = makeTempDir('wapidesk-campaign-restart-');
    cleanup.push(async () => {
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    });
    const first = await startCampaignApp({ sandbox, dataDir, file: true });
    const ids = await addContacts(first.core, customers(4, '9196'));
    const campaign = await helloCampaign(first, [await addList(first.core, ids)]);
    const due = new Date(Date.now() + 400);
    await first.core.services.campaigns.schedule(first.owner, campaign.id, due.toISOString());
    await first.stop();
    await sleep(700);

    const second = await startCampaignApp({ sandbox, dataDir, file: true });
    cleanup.push(() => second.stop());
    const done = await second.settled(campaign.id);
    expect(done.status).toBe('finished');
    expect(done.notice).toContain('Started late');
    expect(done.notice).toContain(due.toISOString());
    const accepted = acceptedPerRecipient(sandbox);
    expect(customers(4, '9196').every((c) => accepted.get(c.waId) === 1)).toBe(true);
  });
});
