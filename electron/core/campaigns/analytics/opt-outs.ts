import { fromSqlDate, select, sqlDate } from '../../db/sql';
import type { CampaignRow } from '../../db/entities/campaign';
import { RECIPIENT_ROWS } from './recipient-sql';
import type { ReadManager } from '../../db/read-db';

/**
 * When each recipient who opted out did so: by keyword since the campaign started, or by leaving one
 * of its lists since (a keyword opt-out does both; each person once, at the earlier time). Starts
 * from the few who opted out or left (partial indexes contacts_opted_out, list_members_state) and
 * checks each is a recipient, rather than looking at every recipient. None before the start.
 */
export async function optedOutAt(m: ReadManager, campaign: CampaignRow): Promise<Date[]> {
  if (!campaign.startedAt) return [];
  const since = sqlDate(campaign.startedAt);
  const rows = await select<{ at: string }>(
    m,
    `SELECT min(o.at) AS at FROM (
       SELECT c.id, c.opted_out_at AS at FROM contacts c
         WHERE c.opted_out = 1 AND c.opt_out_source = 'keyword' AND c.opted_out_at >= ?
       UNION ALL
       SELECT lm.contact_id, lm.unsubscribed_at FROM campaign_lists cl
         JOIN list_members lm ON lm.list_id = cl.list_id
         WHERE cl.campaign_id = ? AND lm.subscribed = 0 AND lm.unsubscribed_at >= ?) o
     WHERE EXISTS (SELECT 1 FROM messages m WHERE m.contact_id = o.id AND ${RECIPIENT_ROWS})
     GROUP BY o.id`,
    [since, campaign.id, since, campaign.id],
  );
  return rows.map((r) => fromSqlDate(r.at));
}
