import { afterEach, describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS } from '@shared/permissions';
import type { Actor } from '../../../electron/core/auth/actor';
import { recoverAfterCrash } from '../../../electron/core/campaigns/recover-after-crash';
import { UNCONFIRMED_QUIET_PERIOD_MS } from '../../../electron/core/campaigns/unconfirmed';
import type { Core } from '../../../electron/core/create-core';
import { CampaignEntity } from '../../../electron/core/db/entities/campaign';
import { MessageEntity } from '../../../electron/core/db/entities/messaging';
import { UserEntity } from '../../../electron/core/db/entities/user';
import { MovableClock } from '../../helpers/clock';
import {
  PHONE_NUMBER_ID,
  at,
  envelope,
  statuses,
  startWebhookHarness,
  type WebhookHarness,
} from '../webhooks/webhook-harness';
import {
  acceptedPerRecipient,
  addContacts,
  addList,
  customers,
  helloCampaign,
  startCampaignApp,
  type CampaignApp,
} from './campaign-app';

/**
 * Messages whose send was interrupted (`unconfirmed`): Meta may have them. They are sent again only
 * when the person asks and only once WhatsApp has said nothing about them for a quiet period;
 * counting them failed is always possible; the campaign's warning about them goes away with the
 * last one, whoever settles it.
 */
const QUIET_MINUTES = UNCONFIRMED_QUIET_PERIOD_MS / 60_000;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('sending unconfirmed messages again', () => {
  it('is refused before the quiet period, saying from when; after it, each customer gets one', async () => {
    const clock = new MovableClock(Date.now());
    // The sandbox drops every request: none reaches it, each row is left unconfirmed.
    const app: CampaignApp = await startCampaignApp({ clock, sandboxOptions: { faults: { drop: 1 } } });
    closers.push(() => app.close());
    const waIds = customers(3, '9301').map((c) => c.waId);
    const list = await addList(app.core, await addContacts(app.core, customers(3, '9301')));
    const campaign = await helloCampaign(app, [list]);
    const service = app.core.services.campaigns;
    await service.start(app.owner, campaign.id);
    const finished = await app.settled(campaign.id);
    const since = clock.now().getTime();
    expect(finished.status).toBe('finished');
    expect(finished.unconfirmed).toEqual({
      count: 3,
      resendable: 0,
      nextResendableAt: new Date(since + UNCONFIRMED_QUIET_PERIOD_MS).toISOString(),
      quietPeriodMinutes: QUIET_MINUTES,
    });
    app.sandbox.configure({ faults: { drop: 0 } });

    const when = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Kolkata',
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date(since + UNCONFIRMED_QUIET_PERIOD_MS));
    const tooEarly = {
      code: 'CONFLICT',
      message: expect.stringContaining(
        `possible from ${when} (Asia/Kolkata), after ${QUIET_MINUTES} minutes without any status`,
      ),
    };
    await expect(service.resolveUnconfirmed(app.owner, campaign.id, 'resend')).rejects.toMatchObject(
      tooEarly,
    );
    clock.advance(UNCONFIRMED_QUIET_PERIOD_MS - 1000);
    await expect(service.resolveUnconfirmed(app.owner, campaign.id, 'resend')).rejects.toMatchObject(
      tooEarly,
    );
    // Refused: nothing changed, nothing was sent.
    expect((await app.rows(campaign.id)).map((r) => r.status)).toEqual([
      'unconfirmed',
      'unconfirmed',
      'unconfirmed',
    ]);
    expect((await service.get(campaign.id)).status).toBe('finished');
    expect(app.sandbox.messages()).toHaveLength(0);

    clock.advance(1000);
    expect((await service.get(campaign.id)).unconfirmed).toMatchObject({ count: 3, resendable: 3 });
    const resent = await service.resolveUnconfirmed(app.owner, campaign.id, 'resend');
    expect(resent.status).toBe('running');
    expect((await app.settled(campaign.id)).status).toBe('finished');
    await app.quiet();
    const accepted = acceptedPerRecipient(app.sandbox);
    expect(waIds.map((w) => accepted.get(w))).toEqual([1, 1, 1]);
    const after = await service.get(campaign.id);
    expect(after.unconfirmed).toBeNull();
    expect(after.notice).toBeNull();
  }, 30_000);
});

describe('the campaign’s warning about unconfirmed messages', () => {
  let h: WebhookHarness;
  let owner: Actor;

  async function start(): Promise<void> {
    h = await startWebhookHarness();
    closers.push(() => h.close());
    const user = await h.core.ctx.db.getRepository(UserEntity).findOneByOrFail({ kind: 'super_admin' });
    owner = { user, sessionId: null, permissions: new Set(ALL_PERMISSIONS) };
  }

  /** A running campaign whose app died while these rows were `sending`, restarted: as recovery leaves it. */
  async function crashedCampaign(core: Core, refs: string[], notice: string | null = null): Promise<number> {
    const now = core.ctx.clock.now();
    const id = await core.ctx.tx.run(async (m) => {
      const result = await m.getRepository(CampaignEntity).insert({
        name: 'Diwali offers',
        status: 'finished',
        phoneNumberId: PHONE_NUMBER_ID,
        templateId: 't1',
        templateName: 'hello_world',
        templateLanguage: 'en_US',
        variables: '[]',
        mediaHeader: null,
        optOutKeywords: '["STOP"]',
        messagesPerSecond: null,
        scheduledAt: null,
        startedAt: now,
        finishedAt: now,
        notice,
        retargetOfCampaignId: null,
        createdByUserId: null,
        createdAt: now,
        updatedAt: now,
      });
      const campaignId = result.identifiers[0]!.id as number;
      for (const [i, ref] of refs.entries()) {
        await m.getRepository(MessageEntity).insert({
          clientRef: ref,
          direction: 'out',
          phoneNumberId: PHONE_NUMBER_ID,
          recipientWaId: `9198000000${i}1`,
          type: 'template',
          text: '[template hello_world]',
          payload: '{}',
          status: 'sending',
          campaignId,
          attempts: 1,
          isTest: false,
          createdAt: now,
        });
      }
      return campaignId;
    });
    await recoverAfterCrash(core.ctx);
    return id;
  }

  it('goes away when WhatsApp’s status updates settle the last unconfirmed message', async () => {
    await start();
    const id = await crashedCampaign(h.core, ['wd_lost-1', 'wd_lost-2']);
    const service = h.core.services.campaigns;
    expect(await service.get(id)).toMatchObject({ notice: null, unconfirmed: { count: 2, resendable: 0 } });

    // Meta had accepted both: its status webhooks arrive once the app is back.
    await h.post(
      envelope([
        statuses({ wamid: 'wamid.lost.1', status: 'sent', timestamp: at(1), bizOpaque: 'wd_lost-1' }),
      ]),
    );
    await h.settle();
    expect((await service.get(id)).unconfirmed).toMatchObject({ count: 1 });
    await h.post(
      envelope([
        statuses({ wamid: 'wamid.lost.2', status: 'delivered', timestamp: at(2), bizOpaque: 'wd_lost-2' }),
      ]),
    );
    await h.settle();

    const settled = await service.get(id);
    expect(settled).toMatchObject({ status: 'finished', notice: null, unconfirmed: null });
    // Open windows hear of it, so the warning leaves the screen without a reload.
    expect(h.events.filter((e) => e.name === 'campaigns.changed').map((e) => e.payload)).toContainEqual({
      campaignId: id,
      status: 'finished',
      notice: null,
    });
    const rows = await h.core.ctx.db
      .getRepository(MessageEntity)
      .find({ where: { campaignId: id }, order: { id: 'ASC' } });
    expect(rows.map((r) => [r.status, r.errorTitle, r.unconfirmedAt])).toEqual([
      ['sent', null, null],
      ['delivered', null, null],
    ]);
    // An integrator reading the campaign sees the same.
    const { token } = await h.core.services.tokens.create(owner, 'campaign reader', ['campaigns.read']);
    const response = await fetch(`http://127.0.0.1:${h.port}/api/v1/campaigns/${id}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(((await response.json()) as { data: unknown }).data).toMatchObject({ unconfirmed: null });
  });

  it('goes away when the person counts them failed, and leaves the campaign’s other notice be', async () => {
    await start();
    const late = 'Started late: it was due at 09:00';
    const id = await crashedCampaign(h.core, ['wd_gone-1', 'wd_gone-2'], late);
    // Counting them failed is possible at once: it cannot send anything twice.
    const decided = await h.core.services.campaigns.resolveUnconfirmed(owner, id, 'fail');
    expect(decided).toMatchObject({ status: 'finished', notice: late, unconfirmed: null });
    const rows = await h.core.ctx.db
      .getRepository(MessageEntity)
      .find({ where: { campaignId: id }, order: { id: 'ASC' } });
    expect(rows.map((r) => r.status)).toEqual(['failed', 'failed']);
    expect(rows.every((r) => r.errorTitle?.startsWith('Counted as failed'))).toBe(true);
  });
});
