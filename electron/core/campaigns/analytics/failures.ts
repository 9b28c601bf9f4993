import type { CampaignAnalyticsDto } from '@shared/types/campaigns';
import { failuresByErrorCode } from '../../messaging/recipient-counts';
import type { ReadManager } from '../../db/read-db';

type FailureGroup = CampaignAnalyticsDto['failuresByCode'][number];

/** What a failure without Meta's title reads as (a network error, or a crash marked failed). */
const UNKNOWN_REASON = 'No reason given';

/** Failed messages grouped by Meta's error code, most frequent first, each with Meta's title as the reason. */
export async function failuresByCode(m: ReadManager, campaignId: number): Promise<FailureGroup[]> {
  const rows = await failuresByErrorCode(m, campaignId);
  return rows.map((r) => ({ code: r.code, reason: r.title ?? UNKNOWN_REASON, count: r.n }));
}
