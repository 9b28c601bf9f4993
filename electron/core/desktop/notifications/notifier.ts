import type { CoreEvent } from '@shared/events';
import type { Core } from '../../create-core';
import { mayReceive, type Audience } from '../../events/event-access';
import type { Logger } from '../../util/logger';
import {
  SIGNAL_ACCESS,
  type DesktopSignal,
  type Notice,
  type NoticeSource,
  type NotificationRule,
} from './notice';
import { NOTIFICATION_RULES } from './notification-rules';
import { NotificationPolicy, type PolicyState } from './notification-policy';

export interface NotifierOptions {
  core: Core;
  /** Who this computer notifies now; null when nobody (no one signed in here, or they signed out). */
  audience: () => Promise<Audience | null>;
  /** Do not disturb, sound, and whether the window is in front, at the moment of showing. */
  state: () => PolicyState & { sound: boolean };
  show: (notice: Notice, options: { sound: boolean }) => void;
  logger: Logger;
  rules?: readonly NotificationRule[];
  now?: () => number;
}

function isSignal(source: NoticeSource): source is DesktopSignal {
  return Object.prototype.hasOwnProperty.call(SIGNAL_ACCESS, source.name);
}

/** Whether `who` may hear of the source at all: the same rules as the events a window receives. */
function mayHear(source: NoticeSource, who: Audience): boolean {
  if (isSignal(source)) {
    const needed = SIGNAL_ACCESS[source.name];
    return needed === null || who.permissions.has(needed);
  }
  return mayReceive(source.name, source.payload as never, who);
}

/**
 * From events and signals to native notifications: only for the person this computer notifies and
 * only about what they may read, through every rule that applies, then the policy (do not disturb,
 * window in front, repeats, bursts).
 */
export class Notifier {
  private readonly policy = new NotificationPolicy();
  private readonly rules: readonly NotificationRule[];

  constructor(private readonly options: NotifierOptions) {
    this.rules = options.rules ?? (NOTIFICATION_RULES as readonly NotificationRule[]);
  }

  /** The notices shown for this source (for the tests), after the policy. */
  async consider(source: CoreEvent | DesktopSignal): Promise<Notice[]> {
    const rules = this.rules.filter((rule) => rule.on === source.name);
    if (!rules.length) return [];
    const who = await this.options.audience();
    if (!who || !mayHear(source, who)) return [];
    const shown: Notice[] = [];
    for (const rule of rules) {
      let described: Omit<Notice, 'kind'> | null;
      try {
        // The rule was chosen by `on === source.name`, so its payload type is this source's.
        described = await rule.notice(source.payload as never, { who, core: this.options.core });
      } catch (error) {
        this.options.logger.error(`the ${rule.kind} notification could not be prepared`, error);
        continue;
      }
      if (!described) continue;
      const notice: Notice = { kind: rule.kind, ...described };
      const state = this.options.state();
      const decision = this.policy.decide(notice, state, this.options.now?.() ?? Date.now());
      if (!decision.show) continue;
      this.options.show(notice, { sound: state.sound });
      shown.push(notice);
    }
    return shown;
  }
}
