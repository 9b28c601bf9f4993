import type { EntityManager } from 'typeorm';
import type { CampaignRow } from '../db/entities/campaign';
import { chunks, execute, marks, select, sqlDate } from '../db/sql';
import type { ReadManager } from '../db/read-db';

/**
 * Fixes who gets the campaign: one queued message row per WhatsApp id (or user id, for a customer who
 * hides their number: see util/customer-address.ts), for every contact subscribed
 * to any of the campaign's lists who is neither blocked nor opted out. One INSERT … SELECT inside the
 * caller's transaction, so 100,000 recipients cost one statement, not 100,000 round trips, and a
 * campaign is never half-fixed. The unique index (campaign_id, recipient_wa_id) makes a second fix
 * add nobody twice (OR IGNORE). Rendering happens at send time (see campaign-runner.ts).
 */
export async function fixRecipients(m: EntityManager, campaign: CampaignRow, now: Date): Promise<number> {
  return execute(
    m,
    `INSERT OR IGNORE INTO messages (
       wa_message_id, client_ref, direction, contact_id, conversation_id, phone_number_id,
       recipient_wa_id, type, text, payload, status, error_code, error_title, error_details,
       campaign_id, context_wa_message_id, attempts, next_attempt_at, is_test, created_at,
       sent_at, delivered_at, read_at, failed_at)
     SELECT NULL, 'wd_' || lower(hex(randomblob(16))), 'out', c.id,
            (SELECT cv.id FROM conversations cv WHERE cv.contact_id = c.id AND cv.phone_number_id = ?),
            ?, COALESCE(c.wa_id, c.user_id), 'template', ?, '{}', 'queued', NULL, NULL, NULL,
            ?, NULL, 0, NULL, 0, ?, NULL, NULL, NULL, NULL
       FROM contacts c
      WHERE c.status <> 'blocked'
        AND c.opted_out = 0
        AND EXISTS (SELECT 1 FROM list_members lm
                     JOIN campaign_lists cl ON cl.list_id = lm.list_id AND cl.campaign_id = ?
                    WHERE lm.contact_id = c.id AND lm.subscribed = 1)
      ORDER BY c.id`,
    [
      campaign.phoneNumberId,
      campaign.phoneNumberId,
      `[template ${campaign.templateName}]`,
      campaign.id,
      sqlDate(now),
      campaign.id,
    ],
  );
}

/**
 * How many recipients `fixRecipients` would fix now for each of these campaigns (by the same rule:
 * subscribed to one of its lists, not blocked, not opted out, once per WhatsApp id): what a draft
 * or a scheduled campaign will reach. One grouped query for the whole campaign list.
 */
export async function plannedRecipients(
  m: ReadManager,
  campaignIds: readonly number[],
): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (const part of chunks(campaignIds)) {
    const rows = await select<{ campaign_id: number; n: number }>(
      m,
      `SELECT cl.campaign_id, COUNT(DISTINCT COALESCE(c.wa_id, c.user_id)) AS n
         FROM campaign_lists cl
         JOIN list_members lm ON lm.list_id = cl.list_id AND lm.subscribed = 1
         JOIN contacts c ON c.id = lm.contact_id AND c.status <> 'blocked' AND c.opted_out = 0
        WHERE cl.campaign_id IN (${marks(part.length)})
        GROUP BY cl.campaign_id`,
      part,
    );
    for (const r of rows) counts.set(r.campaign_id, r.n);
  }
  return counts;
}

/** The same count for lists that are not (yet) a campaign's: the editor's "reaches N". */
export async function plannedForLists(m: ReadManager, listIds: readonly number[]): Promise<number> {
  if (!listIds.length) return 0;
  const [row] = await select<{ n: number }>(
    m,
    `SELECT COUNT(DISTINCT COALESCE(c.wa_id, c.user_id)) AS n FROM contacts c
      WHERE c.status <> 'blocked' AND c.opted_out = 0
        AND EXISTS (SELECT 1 FROM list_members lm WHERE lm.contact_id = c.id AND lm.subscribed = 1
                      AND lm.list_id IN (${marks(listIds.length)}))`,
    [...listIds],
  );
  return row?.n ?? 0;
}
