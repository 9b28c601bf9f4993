import { chunks, marks, select, sqlDate } from '../db/sql';
import type { ReadManager } from '../db/read-db';
import {
  toUnconfirmedFigures,
  UNCONFIRMED_COLUMNS,
  type UnconfirmedColumns,
  type UnconfirmedFigures,
} from './campaign-unconfirmed';

/**
 * The figures of the campaign list, from their message rows: one grouped query per 500 campaigns,
 * since counting campaign by campaign would read `messages` once each. This folder owns `messages`
 * (issue 9). Test sends are left out.
 */

export interface CampaignRowFigures {
  recipients: number;
  sent: number;
  failed: number;
  unconfirmed: UnconfirmedFigures;
}

interface Raw extends UnconfirmedColumns {
  campaign_id: number;
  recipients: number;
  sent: number | null;
  failed: number | null;
}

/** By campaign id; a campaign without rows is left out. `quietSince` is the unconfirmed cutoff. */
export async function campaignRowFigures(
  m: ReadManager,
  campaignIds: readonly number[],
  quietSince: Date,
): Promise<Map<number, CampaignRowFigures>> {
  const cutoff = sqlDate(quietSince);
  const out = new Map<number, CampaignRowFigures>();
  for (const part of chunks(campaignIds)) {
    const rows = await select<Raw>(
      m,
      `SELECT campaign_id, COUNT(*) AS recipients,
              SUM(CASE WHEN status IN ('sent', 'delivered', 'read') THEN 1 ELSE 0 END) AS sent,
              SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed,
              ${UNCONFIRMED_COLUMNS}
         FROM messages
        WHERE campaign_id IN (${marks(part.length)}) AND is_test = 0
        GROUP BY campaign_id`,
      [cutoff, cutoff, ...part],
    );
    for (const r of rows) {
      out.set(r.campaign_id, {
        recipients: Number(r.recipients),
        sent: Number(r.sent ?? 0),
        failed: Number(r.failed ?? 0),
        unconfirmed: toUnconfirmedFigures(r),
      });
    }
  }
  return out;
}
