import { describe, expect, it } from 'vitest';
import { qualityDropped } from '../../../electron/core/desktop/notifications/account-notices';
import {
  campaignFinished,
  campaignPausedItself,
} from '../../../electron/core/desktop/notifications/campaign-notices';
import type { Notice, RuleContext } from '../../../electron/core/desktop/notifications/notice';
import {
  MAX_PER_MINUTE,
  NotificationPolicy,
  REPEAT_QUIET_MS,
} from '../../../electron/core/desktop/notifications/notification-policy';
import { NOTIFICATION_RULES } from '../../../electron/core/desktop/notifications/notification-rules';

const notice = (tag: string, kind = 'campaign.finished'): Notice => ({
  kind,
  title: 't',
  body: 'b',
  route: '/campaigns/1',
  tag,
});
const AWAY = { doNotDisturb: false, windowFocused: false };
// The campaign and quality rules read nothing but their payload.
const context = {} as RuleContext;

describe('NotificationPolicy', () => {
  it('shows a notice when nothing holds it back', () => {
    expect(new NotificationPolicy().decide(notice('a'), AWAY, 0)).toEqual({ show: true });
  });

  it('shows nothing while "do not disturb" is on, or while the window is in front', () => {
    const policy = new NotificationPolicy();
    expect(policy.decide(notice('a'), { ...AWAY, doNotDisturb: true }, 0)).toMatchObject({ show: false });
    expect(policy.decide(notice('a'), { ...AWAY, windowFocused: true }, 0)).toMatchObject({ show: false });
    // Held back ones do not count as shown: the next one goes through.
    expect(policy.decide(notice('a'), AWAY, 1)).toEqual({ show: true });
  });

  it('does not repeat the same kind on the same subject for a while; another kind goes through', () => {
    const policy = new NotificationPolicy();
    expect(policy.decide(notice('campaign-1'), AWAY, 0).show).toBe(true);
    expect(policy.decide(notice('campaign-1'), AWAY, 1_000).show).toBe(false);
    expect(policy.decide(notice('campaign-1', 'campaign.paused'), AWAY, 2_000).show).toBe(true);
    expect(policy.decide(notice('campaign-1'), AWAY, REPEAT_QUIET_MS + 1).show).toBe(true);
  });

  it('caps a burst at a few a minute', () => {
    const policy = new NotificationPolicy();
    const shown = Array.from({ length: 20 }, (_, i) => policy.decide(notice(`t${i}`), AWAY, i * 100).show);
    expect(shown.filter(Boolean)).toHaveLength(MAX_PER_MINUTE);
    expect(policy.decide(notice('later'), AWAY, 61_000).show).toBe(true);
  });
});

describe('notification rules', () => {
  it('lists each kind once', () => {
    const kinds = NOTIFICATION_RULES.map((rule) => rule.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'campaign.finished',
        'campaign.paused',
        'phone_number.quality',
        'webhooks.silent',
      ]),
    );
  });

  it('a finished campaign says how it went and opens the campaign', () => {
    const stopped = {
      campaignId: 4,
      name: 'Diwali',
      outcome: 'finished' as const,
      notice: null,
      sent: 1200,
      failed: 3,
    };
    expect(campaignFinished.notice(stopped, context)).toEqual({
      title: 'Campaign “Diwali” finished',
      body: '1,200 sent, 3 failed',
      route: '/campaigns/4',
      tag: 'campaign-4',
    });
    expect(campaignPausedItself.notice(stopped, context)).toBeNull();
  });

  it('a campaign that paused itself says why; a pause made by a person is not news', () => {
    const base = { campaignId: 4, name: 'Diwali', outcome: 'paused' as const, sent: 10, failed: 0 };
    const itself = campaignPausedItself.notice(
      { ...base, notice: 'WhatsApp refused: 131048 spam rate limit' },
      context,
    );
    expect(itself).toMatchObject({
      title: 'Campaign “Diwali” paused itself',
      body: expect.stringContaining('131048'),
    });
    expect(campaignPausedItself.notice({ ...base, notice: null }, context)).toBeNull();
    expect(campaignFinished.notice({ ...base, notice: 'x' }, context)).toBeNull();
  });

  it('a quality drop is news; an upgrade, a template or an account alert is not this kind', async () => {
    const drop = await qualityDropped.notice(
      { kind: 'phone_number', message: 'Phone number 15550783881: FLAGGED (messaging limit TIER_1K)' },
      context,
    );
    expect(drop).toMatchObject({ route: '/settings', tag: 'quality-15550783881' });
    expect(drop?.title).toMatch(/quality dropped/);
    const lowered = await qualityDropped.notice(
      { kind: 'phone_number', message: 'Phone number 1555: DOWNGRADE' },
      context,
    );
    expect(lowered?.title).toMatch(/limit was lowered/);
    expect(
      qualityDropped.notice(
        { kind: 'phone_number', message: 'Phone number 1555: THROUGHPUT_UPGRADE' },
        context,
      ),
    ).toBeNull();
    expect(
      qualityDropped.notice({ kind: 'phone_number', message: 'Phone number 1555: UNFLAGGED' }, context),
    ).toBeNull();
    expect(
      qualityDropped.notice({ kind: 'template', message: 'Template “x” is flagged' }, context),
    ).toBeNull();
  });
});
