import { AppError } from '@shared/errors';
import type { UnconfirmedMessages } from '@shared/types/campaigns';
import type { ReadManager } from '../db/read-db';
import { unconfirmedFigures, type UnconfirmedFigures } from '../messaging/campaign-unconfirmed';

/**
 * A row becomes `unconfirmed` when the app stopped (or the send call timed out) between marking it
 * `sending` and Meta's answer: Meta may well have accepted it. If it did, a status webhook settles
 * the row, usually within seconds; after a restart, Meta's retries of the webhooks it could not
 * deliver arrive within minutes. Sending a row again is therefore offered only once it has stayed
 * this long without any status: before that, a second copy is the likely outcome.
 */
export const UNCONFIRMED_QUIET_PERIOD_MS = 15 * 60 * 1000;

/** What "quiet long enough" is measured against. */
export interface QuietPolicy {
  now: Date;
  quietMs: number;
}

/** Rows unconfirmed since this time or before have been quiet long enough to be sent again. */
export function cutoffOf(policy: QuietPolicy): Date {
  return new Date(policy.now.getTime() - policy.quietMs);
}

/** The summary a campaign carries, from its rows' figures; null when nothing is unconfirmed. */
export function toUnconfirmed(figures: UnconfirmedFigures, policy: QuietPolicy): UnconfirmedMessages | null {
  if (!figures.count) return null;
  return {
    count: figures.count,
    resendable: figures.resendable,
    nextResendableAt: figures.nextSince
      ? new Date(figures.nextSince.getTime() + policy.quietMs).toISOString()
      : null,
    quietPeriodMinutes: Math.round(policy.quietMs / 60_000),
  };
}

export async function unconfirmedOf(
  m: ReadManager,
  campaignId: number,
  policy: QuietPolicy,
): Promise<UnconfirmedMessages | null> {
  return toUnconfirmed(await unconfirmedFigures(m, campaignId, cutoffOf(policy)), policy);
}

/** Refuses a resend that would come before the quiet period, saying when it becomes possible. */
export function tooEarlyToResend(unconfirmed: UnconfirmedMessages, timeZone: string): AppError {
  const when = unconfirmed.nextResendableAt ?? new Date().toISOString();
  const shown = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(when));
  const n = unconfirmed.count;
  return new AppError(
    'CONFLICT',
    `Too early to send ${n === 1 ? 'this message' : `these ${n} messages`} again: WhatsApp may still ` +
      `report ${n === 1 ? 'it' : 'them'}, and a customer could get ${n === 1 ? 'it' : 'them'} twice. ` +
      `Sending again is possible from ${shown} (${timeZone}), after ${unconfirmed.quietPeriodMinutes} ` +
      'minutes without any status.',
  );
}
