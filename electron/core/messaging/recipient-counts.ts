import { select, sqlDate } from '../db/sql';
import type { ReadManager } from '../db/read-db';
import { RECIPIENT_ROWS } from './recipient-sql';

/**
 * The two figures of a campaign's page still counted on its message rows, each from an index of its
 * own (0024) rather than a pass over the recipients: this folder owns `messages` (issue 9).
 */

/**
 * Failed recipients by Meta's error code, most frequent first, with Meta's title (NULL when none
 * came). A code's title is the same on every message; max() just picks one without a second pass.
 */
export function failuresByErrorCode(
  m: ReadManager,
  campaignId: number,
): Promise<{ code: number | null; title: string | null; n: number }[]> {
  return select(
    m,
    `SELECT m.error_code AS code, max(m.error_title) AS title, count(*) AS n
     FROM messages m WHERE ${RECIPIENT_ROWS} AND m.status = 'failed'
     GROUP BY m.error_code ORDER BY n DESC, m.error_code`,
    [campaignId],
  );
}

/** Messages of the campaign sent after `since`: a short range of the messages_campaign_sent index. */
export async function sentSince(m: ReadManager, campaignId: number, since: Date): Promise<number> {
  const [row] = await select<{ n: number }>(
    m,
    `SELECT count(*) AS n FROM messages m INDEXED BY messages_campaign_sent
      WHERE m.campaign_id = ? AND m.is_test = 0 AND m.sent_at IS NOT NULL AND m.sent_at > ?`,
    [campaignId, sqlDate(since)],
  );
  return row?.n ?? 0;
}
