import { fromSqlDate, select } from '../../db/sql';
import type { CampaignRow } from '../../db/entities/campaign';
import { listsOfCampaign } from '../campaign-audience';
import { keywordOptOutsSince } from '../../contacts/recipient-contacts';
import { leftListsSince } from '../../lists/list-leavers';
import { isRecipientOf } from '../../messaging/recipient-contacts';
import type { ReadManager } from '../../db/read-db';

/**
 * When each recipient who opted out did so: by keyword since the campaign started, or by leaving one
 * of its lists since (a keyword opt-out does both; each person once, at the earlier time). Starts
 * from the few who opted out or left (partial indexes contacts_opted_out, list_members_state) and
 * checks each is a recipient, rather than looking at every recipient. None before the start. One
 * statement, of the selections contacts/, lists/ and messaging/ export for it.
 */
export async function optedOutAt(m: ReadManager, campaign: CampaignRow): Promise<Date[]> {
  if (!campaign.startedAt) return [];
  const keyword = keywordOptOutsSince(campaign.startedAt);
  const left = leftListsSince(listsOfCampaign(campaign.id), campaign.startedAt);
  const recipient = isRecipientOf(campaign.id, 'o.id');
  const rows = await select<{ at: string }>(
    m,
    `SELECT min(o.at) AS at FROM (${keyword.sql} UNION ALL ${left.sql}) o
     WHERE ${recipient.sql}
     GROUP BY o.id`,
    [...keyword.params, ...left.params, ...recipient.params],
  );
  return rows.map((r) => fromSqlDate(r.at));
}
