import type { EntityManager } from 'typeorm';
import type { CampaignRow } from '../db/entities/campaign';
import { subscriptions } from '../lists/list-audience';
import { reachableContacts } from '../contacts/reachable-contacts';
import { chunks, marks, select } from '../db/sql';
import type { ReadManager } from '../db/read-db';
import { queueRecipients } from '../messaging/campaign-queue';
import { audienceOf, listsOfCampaign } from './campaign-audience';

/**
 * Fixes who gets the campaign: one queued message row per WhatsApp id (or user id, for a customer who
 * hides their number: see util/customer-address.ts), for every contact subscribed
 * to any of the campaign's lists who is neither blocked nor opted out (campaign-audience.ts). One
 * statement inside the caller's transaction (messaging/campaign-queue.ts), so 100,000 recipients
 * cost one statement, not 100,000 round trips, and a campaign is never half-fixed; a second fix adds
 * nobody twice. Rendering happens at send time (see campaign-runner.ts).
 */
export async function fixRecipients(m: EntityManager, campaign: CampaignRow, now: Date): Promise<number> {
  return queueRecipients(
    m,
    {
      campaignId: campaign.id,
      phoneNumberId: campaign.phoneNumberId,
      text: `[template ${campaign.templateName}]`,
      now,
    },
    audienceOf(listsOfCampaign(campaign.id)),
  );
}

/**
 * How many recipients `fixRecipients` would fix now for each of these campaigns (by the same rule:
 * subscribed to one of its lists, not blocked, not opted out, once per WhatsApp id): what a draft
 * or a scheduled campaign will reach. One grouped query for the whole campaign list, from each
 * campaign's lists through their subscribers.
 */
export async function plannedRecipients(
  m: ReadManager,
  campaignIds: readonly number[],
): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  const subscribed = subscriptions();
  const reachable = reachableContacts();
  for (const part of chunks(campaignIds)) {
    const rows = await select<{ campaign_id: number; n: number }>(
      m,
      `SELECT cl.campaign_id, COUNT(DISTINCT a.address) AS n
         FROM campaign_lists cl
         JOIN (${subscribed.sql}) s ON s.list_id = cl.list_id
         JOIN (${reachable.sql}) a ON a.contact_id = s.contact_id
        WHERE cl.campaign_id IN (${marks(part.length)})
        GROUP BY cl.campaign_id`,
      [...subscribed.params, ...reachable.params, ...part],
    );
    for (const r of rows) counts.set(r.campaign_id, r.n);
  }
  return counts;
}
