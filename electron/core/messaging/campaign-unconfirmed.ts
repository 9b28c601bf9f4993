import type { EntityManager } from 'typeorm';
import { execute, fromSqlDateOrNull, select, sqlDate } from '../db/sql';
import type { ReadManager } from '../db/read-db';

/**
 * A campaign's unconfirmed rows (Meta may or may not have them: see campaigns/unconfirmed.ts): how
 * many, how many have been quiet long enough to be sent again, and the person's decision about
 * them. This folder owns `messages` (issue 9); the campaign says how long "quiet" is.
 */

/** When a row became unconfirmed; rows from before migration 0008 have no such time: their creation. */
const SINCE = 'COALESCE(unconfirmed_at, created_at)';

/** A campaign's unconfirmed rows, counted. */
export interface UnconfirmedFigures {
  count: number;
  /** Those unconfirmed since the cutoff or before. */
  resendable: number;
  /** When the earliest of the others became unconfirmed; null when there is none. */
  nextSince: Date | null;
}

/** The figures as the columns below give them. */
export interface UnconfirmedColumns {
  unconfirmed_count: number | null;
  unconfirmed_resendable: number | null;
  unconfirmed_next_since: string | null;
}

/**
 * SQL columns for the unconfirmed figures of a group of a campaign's rows, for a query of `messages`
 * that counts other things too; two `?`: the cutoff, as `sqlDate` writes it.
 */
export const UNCONFIRMED_COLUMNS = `
  SUM(CASE WHEN status = 'unconfirmed' THEN 1 ELSE 0 END) AS unconfirmed_count,
  SUM(CASE WHEN status = 'unconfirmed' AND ${SINCE} <= ? THEN 1 ELSE 0 END) AS unconfirmed_resendable,
  MIN(CASE WHEN status = 'unconfirmed' AND ${SINCE} > ? THEN ${SINCE} END) AS unconfirmed_next_since`;

export function toUnconfirmedFigures(raw: UnconfirmedColumns | undefined): UnconfirmedFigures {
  return {
    count: Number(raw?.unconfirmed_count ?? 0),
    resendable: Number(raw?.unconfirmed_resendable ?? 0),
    nextSince: fromSqlDateOrNull(raw?.unconfirmed_next_since ?? null),
  };
}

/** Figures for one campaign; `quietSince` is the cutoff. Test sends are left out. */
export async function unconfirmedFigures(
  m: ReadManager,
  campaignId: number,
  quietSince: Date,
): Promise<UnconfirmedFigures> {
  const cutoff = sqlDate(quietSince);
  const [raw] = await select<UnconfirmedColumns>(
    m,
    `SELECT ${UNCONFIRMED_COLUMNS} FROM messages
      WHERE campaign_id = ? AND status = 'unconfirmed' AND is_test = 0`,
    [cutoff, cutoff, campaignId],
  );
  return toUnconfirmedFigures(raw);
}

/** The campaign's unconfirmed rows count as failed, with `title` as their reason. */
export function failUnconfirmedOfCampaign(
  m: EntityManager,
  campaignId: number,
  at: Date,
  title: string,
): Promise<number> {
  return execute(
    m,
    `UPDATE messages SET status = 'failed', failed_at = ?, error_code = NULL, error_title = ?,
            error_details = NULL, unconfirmed_at = NULL
      WHERE campaign_id = ? AND status = 'unconfirmed' AND is_test = 0`,
    [sqlDate(at), title, campaignId],
  );
}

/** The campaign's rows unconfirmed since `quietSince` or before go back in line, to be sent again. */
export function requeueUnconfirmedOfCampaign(
  m: EntityManager,
  campaignId: number,
  quietSince: Date,
): Promise<number> {
  return execute(
    m,
    `UPDATE messages SET status = 'queued', next_attempt_at = NULL, error_title = NULL,
            unconfirmed_at = NULL
      WHERE campaign_id = ? AND status = 'unconfirmed' AND is_test = 0 AND ${SINCE} <= ?`,
    [campaignId, sqlDate(quietSince)],
  );
}
