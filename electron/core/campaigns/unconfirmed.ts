import { AppError } from '@shared/errors';
import type { UnconfirmedMessages } from '@shared/types/campaigns';
import { fromSqlDate, sqlDate } from '../db/sql';
import type { ReadManager } from '../db/read-db';

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

/** When a row became unconfirmed; rows from before migration 0008 have no such time: their creation. */
export const UNCONFIRMED_SINCE = 'COALESCE(unconfirmed_at, created_at)';

interface Raw {
  count: number | null;
  resendable: number | null;
  next_since: string | null;
}

/** SQL columns for one campaign's unconfirmed rows (`msg` aliases messages); two `?`: the cutoff. */
export const UNCONFIRMED_COLUMNS = `
  SUM(CASE WHEN msg.status = 'unconfirmed' THEN 1 ELSE 0 END) AS unconfirmed_count,
  SUM(CASE WHEN msg.status = 'unconfirmed' AND COALESCE(msg.unconfirmed_at, msg.created_at) <= ?
      THEN 1 ELSE 0 END) AS unconfirmed_resendable,
  MIN(CASE WHEN msg.status = 'unconfirmed' AND COALESCE(msg.unconfirmed_at, msg.created_at) > ?
      THEN COALESCE(msg.unconfirmed_at, msg.created_at) END) AS unconfirmed_next_since`;

export function cutoffOf(policy: QuietPolicy): string {
  return sqlDate(new Date(policy.now.getTime() - policy.quietMs));
}

/** The summary a campaign carries, from the three figures above; null when nothing is unconfirmed. */
export function toUnconfirmed(
  count: number | null,
  resendable: number | null,
  nextSince: string | null,
  policy: QuietPolicy,
): UnconfirmedMessages | null {
  if (!count) return null;
  return {
    count: Number(count),
    resendable: Number(resendable ?? 0),
    nextResendableAt: nextSince
      ? new Date(fromSqlDate(nextSince).getTime() + policy.quietMs).toISOString()
      : null,
    quietPeriodMinutes: Math.round(policy.quietMs / 60_000),
  };
}

export async function unconfirmedOf(
  m: ReadManager,
  campaignId: number,
  policy: QuietPolicy,
): Promise<UnconfirmedMessages | null> {
  const cutoff = cutoffOf(policy);
  const [raw] = (await m.query(
    `SELECT COUNT(*) AS count,
            SUM(CASE WHEN ${UNCONFIRMED_SINCE} <= ? THEN 1 ELSE 0 END) AS resendable,
            MIN(CASE WHEN ${UNCONFIRMED_SINCE} > ? THEN ${UNCONFIRMED_SINCE} END) AS next_since
       FROM messages WHERE campaign_id = ? AND status = 'unconfirmed' AND is_test = 0`,
    [cutoff, cutoff, campaignId],
  )) as Raw[];
  return toUnconfirmed(raw?.count ?? 0, raw?.resendable ?? 0, raw?.next_since ?? null, policy);
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
