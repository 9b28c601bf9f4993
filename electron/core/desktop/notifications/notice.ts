import type { CoreEvent } from '@shared/events';
import type { Permission } from '@shared/permissions';
import type { Core } from '../../create-core';
import type { Audience } from '../../events/event-access';

/**
 * What the desktop notices that is not a core event as such: it comes from watching events over
 * time (a campaign that was running stopped; no webhook for a while although messages were sent).
 */
export interface DesktopSignals {
  'campaign.stopped': {
    campaignId: number;
    name: string;
    outcome: 'finished' | 'paused';
    /** Why it paused by itself (a person's pause has none), or what is left to decide. */
    notice: string | null;
    sent: number;
    failed: number;
  };
  'webhooks.silent': {
    /** Minutes since the first message WhatsApp accepted without any webhook arriving. */
    minutes: number;
  };
  /** A new version of the app was downloaded and waits for "Restart to update". */
  'update.ready': { version: string };
}

export type DesktopSignal = {
  [N in keyof DesktopSignals]: { name: N; payload: DesktopSignals[N] };
}[keyof DesktopSignals];

/** Who may be told of each desktop signal, as event-access.ts decides for core events (null: anyone). */
export const SIGNAL_ACCESS: { [N in keyof DesktopSignals]: Permission | null } = {
  'campaign.stopped': 'campaigns.read',
  'webhooks.silent': 'settings.read',
  'update.ready': null,
};

/** Anything a notification can be raised from. */
export type NoticeSource = CoreEvent | DesktopSignal;
export type NoticeSourceName = NoticeSource['name'];
export type PayloadOf<N extends NoticeSourceName> = Extract<NoticeSource, { name: N }>['payload'];

/** One native notification. */
export interface Notice {
  kind: string;
  title: string;
  body: string;
  /** Where a click opens the window: a route of the renderer's hash router, e.g. `/campaigns/12`. */
  route: string;
  /** Notices with the same tag are one subject: a newer one replaces, a repeat is not shown twice. */
  tag: string;
}

export interface RuleContext {
  /** The user this computer notifies, with their permissions now. */
  who: Audience;
  core: Core;
}

/**
 * One kind of notification: the event or signal it comes from, and what it says (or null when this
 * occurrence is not worth one). The notifier has already checked that `who` may read what the
 * source describes (events/event-access.ts, SIGNAL_ACCESS); a rule only narrows further.
 */
export interface NotificationRule<K extends string = string, N extends NoticeSourceName = NoticeSourceName> {
  kind: K;
  on: N;
  notice(
    payload: PayloadOf<N>,
    context: RuleContext,
  ): Omit<Notice, 'kind'> | null | Promise<Omit<Notice, 'kind'> | null>;
}

/** Declares a rule with its types inferred: `defineRule({ kind: 'x', on: 'event', notice })`. */
export function defineRule<K extends string, N extends NoticeSourceName>(
  rule: NotificationRule<K, N>,
): NotificationRule<K, N> {
  return rule;
}
