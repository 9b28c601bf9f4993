import { defineRule } from './notice';

/**
 * Quality events that mean less room to send: Meta flags a number whose quality fell to low, and
 * lowers its messaging limit. (Upgrades, onboarding and unflagging are good news: no interruption.)
 */
const QUALITY_DROPS = ['FLAGGED', 'DOWNGRADE'];

/**
 * A phone number's quality dropped. The webhook applier (webhooks/apply-account.ts) raises an
 * alert of kind `phone_number` whose message names the number and Meta's event; the integration
 * test applies a real quality webhook, so a change of that wording breaks a test, not this rule.
 */
export const qualityDropped = defineRule({
  kind: 'phone_number.quality',
  on: 'alerts.changed',
  notice: (alert) => {
    if (alert.kind !== 'phone_number') return null;
    const drop = QUALITY_DROPS.find((event) => new RegExp(`\\b${event}\\b`).test(alert.message));
    if (!drop) return null;
    const digits = /Phone number ([^:]*):/.exec(alert.message)?.[1]?.replace(/\D/g, '') ?? '';
    return {
      title: drop === 'FLAGGED' ? 'A phone number’s quality dropped' : 'A phone number’s limit was lowered',
      body: `${alert.message}. Campaigns from this number may be paused or limited; see Settings.`,
      route: '/settings',
      tag: `quality-${digits}`,
    };
  },
});
