import type { Notice } from './notice';

/** A repeat of the same kind on the same subject (tag) within this time is not shown again. */
export const REPEAT_QUIET_MS = 10 * 60_000;
/** At most this many notifications a minute: a burst beyond it is left to the app's screens. */
export const MAX_PER_MINUTE = 6;

export interface PolicyState {
  doNotDisturb: boolean;
  /** The window is in front: what happens shows on screen, a notification would only repeat it. */
  windowFocused: boolean;
}

export type PolicyDecision = { show: true } | { show: false; reason: string };

/**
 * Whether a notice becomes a native notification. "Do not disturb" silences every kind; a focused
 * window, a repeat of the same subject and a burst each hold one back. Remembers what it let through.
 */
export class NotificationPolicy {
  private readonly lastShown = new Map<string, number>();
  private shownAt: number[] = [];

  decide(notice: Notice, state: PolicyState, now: number): PolicyDecision {
    if (state.doNotDisturb) return { show: false, reason: 'do not disturb' };
    if (state.windowFocused) return { show: false, reason: 'the window is in front' };
    const key = `${notice.kind} ${notice.tag}`;
    const last = this.lastShown.get(key);
    if (last !== undefined && now - last < REPEAT_QUIET_MS)
      return { show: false, reason: 'shown moments ago' };
    this.shownAt = this.shownAt.filter((at) => now - at < 60_000);
    if (this.shownAt.length >= MAX_PER_MINUTE) return { show: false, reason: 'too many this minute' };
    this.shownAt.push(now);
    this.lastShown.set(key, now);
    for (const [tag, at] of this.lastShown) if (now - at >= REPEAT_QUIET_MS) this.lastShown.delete(tag);
    return { show: true };
  }
}
