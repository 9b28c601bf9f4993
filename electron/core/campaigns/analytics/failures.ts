import type { CampaignAnalyticsDto } from '@shared/types/campaigns';
import { select } from '../../db/sql';
import { RECIPIENT_ROWS } from './recipient-sql';
import type { ReadManager } from '../../db/read-db';

type FailureGroup = CampaignAnalyticsDto['failuresByCode'][number];

/** What a failure without Meta's title reads as (a network error, or a crash marked failed). */
const UNKNOWN_REASON = 'No reason given';

/**
 * Failed messages grouped by Meta's error code, most frequent first, each with Meta's title as the
 * reason. A code's title is the same on every message; max() just picks one without a second pass.
 */
export async function failuresByCode(m: ReadManager, campaignId: number): Promise<FailureGroup[]> {
  const rows = await select<{ code: number | null; title: string | null; n: number }>(
    m,
    `SELECT m.error_code AS code, max(m.error_title) AS title, count(*) AS n
     FROM messages m WHERE ${RECIPIENT_ROWS} AND m.status = 'failed'
     GROUP BY m.error_code ORDER BY n DESC, m.error_code`,
    [campaignId],
  );
  return rows.map((r) => ({ code: r.code, reason: r.title ?? UNKNOWN_REASON, count: r.n }));
}
