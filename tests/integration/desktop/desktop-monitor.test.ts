import { afterEach, describe, expect, it } from 'vitest';
import { AuditEntryEntity } from '../../../electron/core/db/entities/audit-entry';
import { dispatch, ok } from '../../helpers/dispatch';
import { OWNER } from '../../helpers/test-core';
import {
  addContacts,
  addList,
  customers,
  helloCampaign,
  startCampaignApp,
  type CampaignApp,
  type CampaignAppOptions,
} from '../campaigns/campaign-app';
import { eventually, startDesktop, type DesktopUnderTest } from './desktop-harness';

/**
 * The desktop app's tray and notifications over a real core: the in-process sandbox as WhatsApp,
 * the runner sending, webhooks coming back. Only the drawing is left out (RecordingShell).
 */

let app: CampaignApp | null = null;
let desktop: DesktopUnderTest | null = null;
afterEach(async () => {
  desktop?.monitor.stop();
  desktop = null;
  await app?.close();
  app = null;
});

async function setUp(options: CampaignAppOptions = {}, silenceMs?: number) {
  app = await startCampaignApp(options);
  desktop = await startDesktop(app.core, silenceMs ? { silenceMs } : {});
  desktop.monitor.signedIn(app.owner.user.id);
  return { app, desktop };
}

async function campaignTo(
  a: CampaignApp,
  count: number,
  prefix: string,
  messagesPerSecond: number | null = null,
) {
  const ids = await addContacts(a.core, customers(count, prefix));
  const list = await addList(a.core, ids);
  return helloCampaign(a, [list], { messagesPerSecond, name: `Campaign ${prefix}` });
}

/** The owner's token through the dispatcher (the first sign-in changes the initial password). */
async function ownerToken(a: CampaignApp): Promise<string> {
  const first = await ok(a.core, null, 'auth.login', {
    login: OWNER.username,
    password: OWNER.initialPassword,
  });
  await ok(a.core, first.token!, 'auth.changePassword', {
    currentPassword: OWNER.initialPassword,
    newPassword: OWNER.password,
  });
  return (await ok(a.core, null, 'auth.login', { login: OWNER.username, password: OWNER.password })).token!;
}

describe('the desktop monitor', () => {
  it('shows a running campaign with its progress in the tray, then notifies that it finished', async () => {
    const { app, desktop } = await setUp();
    const campaign = await campaignTo(app, 12, '9181', 4);
    await app.core.services.campaigns.start(app.owner, campaign.id);
    const running = await eventually(() =>
      desktop.shell.models.find((m) =>
        m.items.some((i) => 'label' in i && /^Campaign 9181: [1-9]/.test(i.label)),
      ),
    );
    expect(running!.items).toContainEqual(
      expect.objectContaining({ type: 'action', label: 'Pause all campaigns' }),
    );
    expect(desktop.monitor.runningCampaigns()).toBe(1);

    expect((await app.settled(campaign.id)).status).toBe('finished');
    await eventually(() => desktop.shell.notices.length > 0);
    await desktop.monitor.idle();
    expect(desktop.shell.notices).toEqual([
      {
        kind: 'campaign.finished',
        title: 'Campaign “Campaign 9181” finished',
        body: '12 sent',
        route: `/campaigns/${campaign.id}`,
        tag: `campaign-${campaign.id}`,
        sound: true,
      },
    ]);
    expect(desktop.monitor.runningCampaigns()).toBe(0);
    await eventually(() => {
      const model = desktop.shell.models.at(-1);
      return model && !model.items.some((i) => 'label' in i && i.label.startsWith('Campaign 9181'));
    });
    expect(desktop.shell.models.at(-1)?.icon).toBe('sandbox');
  }, 30_000);

  it('settling a finished campaign’s unconfirmed rows later is not a second "finished"', async () => {
    const { app, desktop } = await setUp();
    const campaign = await campaignTo(app, 3, '9182');
    await app.core.services.campaigns.start(app.owner, campaign.id);
    await app.settled(campaign.id);
    await eventually(() => desktop.shell.notices.length === 1);
    // A finished campaign published again (as resolving its unconfirmed rows does).
    app.core.events.publish('campaigns.changed', {
      campaignId: campaign.id,
      status: 'finished',
      notice: null,
    });
    await desktop.monitor.idle();
    expect(desktop.shell.kinds()).toEqual(['campaign.finished']);
  }, 30_000);

  it('notifies that a campaign paused itself, with the reason; a person’s pause is not news', async () => {
    const { app, desktop } = await setUp({ sandboxOptions: { limits: { dailyUniqueRecipients: 3 } } });
    const refused = await campaignTo(app, 8, '9183');
    await app.core.services.campaigns.start(app.owner, refused.id);
    expect((await app.settled(refused.id)).status).toBe('paused');
    await eventually(() => desktop.shell.notices.length > 0);
    expect(desktop.shell.notices[0]).toMatchObject({
      kind: 'campaign.paused',
      title: 'Campaign “Campaign 9183” paused itself',
      body: expect.stringContaining('131048'),
      route: `/campaigns/${refused.id}`,
    });

    app.sandbox.configure({ limits: { dailyUniqueRecipients: 10_000 } });
    const slow = await campaignTo(app, 20, '9184', 2);
    await app.core.services.campaigns.start(app.owner, slow.id);
    await eventually(() => desktop.monitor.runningCampaigns() === 1);
    await app.core.services.campaigns.pause(app.owner, slow.id);
    await eventually(() => desktop.monitor.runningCampaigns() === 0);
    await desktop.monitor.idle();
    expect(desktop.shell.kinds()).toEqual(['campaign.paused']);
  }, 30_000);

  it('"Pause all campaigns" from the tray pauses every running campaign as the person signed in here', async () => {
    const { app, desktop } = await setUp();
    const first = await campaignTo(app, 20, '9185', 2);
    const second = await campaignTo(app, 20, '9186', 2);
    await app.core.services.campaigns.start(app.owner, first.id);
    await app.core.services.campaigns.start(app.owner, second.id);
    await eventually(() => desktop.monitor.runningCampaigns() === 2);
    expect(await desktop.monitor.pauseAll()).toBe(2);
    expect((await app.core.services.campaigns.get(first.id)).status).toBe('paused');
    expect((await app.core.services.campaigns.get(second.id)).status).toBe('paused');
    const audit = await app.core.ctx.db
      .getRepository(AuditEntryEntity)
      .findBy({ action: 'campaign.paused', actorUserId: app.owner.user.id });
    expect(audit.map((a) => Number(a.targetId)).sort()).toEqual([first.id, second.id].sort());
  }, 30_000);

  it('tells nobody, and pauses nothing, when nobody has signed in here or they signed out', async () => {
    const { app, desktop } = await setUp();
    desktop.monitor.signedOut(app.owner.user.id);
    const campaign = await campaignTo(app, 20, '9187', 2);
    await app.core.services.campaigns.start(app.owner, campaign.id);
    await eventually(() => desktop.monitor.runningCampaigns() === 1);
    expect(await desktop.monitor.pauseAll()).toBe(0);
    const model = desktop.monitor.model();
    expect(JSON.stringify(model)).not.toContain('Campaign 9187');
    expect(model.tooltip).toContain('A campaign is sending');
    expect(model.items.some((i) => 'label' in i && i.label === 'Pause all campaigns')).toBe(false);
    await app.core.services.campaigns.cancel(app.owner, campaign.id);
    await eventually(() => desktop.monitor.runningCampaigns() === 0);
    await desktop.monitor.idle();
    expect(desktop.shell.notices).toEqual([]);
  }, 30_000);

  it('tells a member only what they may read: no campaign notices without campaigns.read', async () => {
    const { app, desktop } = await setUp();
    const token = await ownerToken(app);
    const role = await ok(app.core, token, 'roles.create', {
      name: 'Inbox only',
      permissions: ['contacts.read'],
    });
    const member = await ok(app.core, token, 'members.create', {
      username: 'agent.one',
      name: 'Agent One',
      email: 'agent.one@shop.test',
      password: 'agent-one-first-pw',
      roleIds: [role.id],
    });
    desktop.monitor.signedIn(member.id);
    const campaign = await campaignTo(app, 3, '9188');
    await app.core.services.campaigns.start(app.owner, campaign.id);
    await app.settled(campaign.id);
    await eventually(() => desktop.monitor.runningCampaigns() === 0);
    await desktop.monitor.idle();
    expect(desktop.shell.notices).toEqual([]);
    // Given campaigns.read, they hear of the next one.
    await ok(app.core, token, 'roles.update', {
      id: role.id,
      permissions: ['contacts.read', 'campaigns.read'],
    });
    const next = await campaignTo(app, 3, '9189');
    await app.core.services.campaigns.start(app.owner, next.id);
    await app.settled(next.id);
    await eventually(() => desktop.shell.notices.length === 1);
    expect(desktop.shell.notices[0]).toMatchObject({
      kind: 'campaign.finished',
      route: `/campaigns/${next.id}`,
    });
  }, 30_000);

  it('respects "do not disturb" and the sound setting, and stays quiet while the window is in front', async () => {
    const { app, desktop } = await setUp();
    desktop.preferences.update({ doNotDisturb: true });
    const quiet = await campaignTo(app, 2, '9190');
    await app.core.services.campaigns.start(app.owner, quiet.id);
    await app.settled(quiet.id);
    await eventually(() => desktop.monitor.runningCampaigns() === 0);
    await desktop.monitor.idle();
    expect(desktop.shell.notices).toEqual([]);
    expect(desktop.monitor.model().items).toContainEqual(
      expect.objectContaining({ type: 'checkbox', label: 'Do not disturb', checked: true }),
    );

    desktop.preferences.update({ doNotDisturb: false });
    desktop.shell.focused = true;
    const inFront = await campaignTo(app, 2, '9191');
    await app.core.services.campaigns.start(app.owner, inFront.id);
    await app.settled(inFront.id);
    await eventually(() => desktop.monitor.runningCampaigns() === 0);
    await desktop.monitor.idle();
    expect(desktop.shell.notices).toEqual([]);

    desktop.shell.focused = false;
    desktop.preferences.update({ notificationSound: false });
    const silent = await campaignTo(app, 2, '9192');
    await app.core.services.campaigns.start(app.owner, silent.id);
    await app.settled(silent.id);
    await eventually(() => desktop.shell.notices.length === 1);
    expect(desktop.shell.notices[0]).toMatchObject({ kind: 'campaign.finished', sound: false });
  }, 30_000);

  it('says webhooks stopped arriving when messages go out and nothing comes back, and clears when they return', async () => {
    // A second of silence stands for half an hour.
    const { app, desktop } = await setUp({}, 1_000);
    const callback = `http://127.0.0.1:${app.side.publicServer.port}/webhook`;
    // The tunnel breaks: WhatsApp's webhooks no longer reach this computer.
    app.sandbox.configure({ callbackUrl: 'http://127.0.0.1:9/webhook' });
    const campaign = await campaignTo(app, 6, '9193');
    await app.core.services.campaigns.start(app.owner, campaign.id);
    await app.settled(campaign.id);
    await eventually(() => desktop.monitor.runningCampaigns() === 0);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await desktop.monitor.poll();
    await desktop.monitor.idle();
    const silent = desktop.shell.notices.find((n) => n.kind === 'webhooks.silent');
    expect(silent).toMatchObject({ title: 'Webhooks stopped arriving', route: '/settings' });
    expect(desktop.monitor.model()).toMatchObject({ icon: 'problem' });
    expect(desktop.monitor.model().tooltip).toContain('no webhooks arrive');
    // Said once per silence.
    await desktop.monitor.poll();
    await desktop.monitor.idle();
    expect(desktop.shell.kinds().filter((k) => k === 'webhooks.silent')).toHaveLength(1);

    app.sandbox.configure({ callbackUrl: callback });
    // A new message's statuses come back at once (the sandbox's retries of the old ones back off).
    const next = await campaignTo(app, 1, '9194');
    await app.core.services.campaigns.start(app.owner, next.id);
    await eventually(async () => {
      await desktop.monitor.poll();
      return desktop.monitor.model().icon === 'sandbox';
    });
  }, 30_000);

  it('desktop.setPreferences changes this computer’s settings, audited; headless cores refuse it', async () => {
    const { app } = await setUp();
    const token = await ownerToken(app);
    expect(await ok(app.core, token, 'desktop.preferences', {})).toBeNull();
    const refused = await dispatch(app.core, token, 'desktop.setPreferences', { doNotDisturb: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const { desktopIntegration } = await import('../../../electron/core/desktop/desktop-integration');
    const { UNAVAILABLE_LOGIN_ITEM } = await import('../../../electron/core/desktop/login-item');
    app.core.desktop = desktopIntegration(desktop!.preferences, UNAVAILABLE_LOGIN_ITEM);
    expect(await ok(app.core, token, 'desktop.preferences', {})).toEqual({
      launchAtLogin: false,
      launchAtLoginAvailable: false,
      doNotDisturb: false,
      notificationSound: true,
      notifiesYou: true,
    });
    const changed = await ok(app.core, token, 'desktop.setPreferences', {
      doNotDisturb: true,
      notificationSound: false,
    });
    expect(changed).toMatchObject({ doNotDisturb: true, notificationSound: false });
    expect(desktop!.preferences.get()).toMatchObject({ doNotDisturb: true, notificationSound: false });
    const audit = await app.core.ctx.db
      .getRepository(AuditEntryEntity)
      .findOneByOrFail({ action: 'desktop.preferences_set' });
    expect(JSON.parse(audit.details)).toEqual({ doNotDisturb: true, notificationSound: false });
    const cannot = await dispatch(app.core, token, 'desktop.setPreferences', { launchAtLogin: true });
    expect(cannot).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/installed app/) },
    });
    const empty = await dispatch(app.core, token, 'desktop.setPreferences', {});
    expect(empty).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  }, 30_000);
});
