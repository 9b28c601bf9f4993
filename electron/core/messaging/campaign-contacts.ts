import { select } from '../db/sql';
import type { ReadManager } from '../db/read-db';

/**
 * Which contacts campaigns reached, from their message rows (test sends left out): this folder owns
 * `messages` (issue 9).
 */

/**
 * The campaigns that sent to this contact (queued and failed rows never reached them), the one
 * whose message came last first. By contact, not by address: a customer reached at their number may
 * answer from their user id once they hide it (or the other way round).
 */
export async function campaignsThatReached(m: ReadManager, contactId: number): Promise<number[]> {
  const rows = await select<{ campaignId: number }>(
    m,
    `SELECT campaign_id AS campaignId, MAX(id) AS lastMessage FROM messages
      WHERE contact_id = ? AND direction = 'out' AND is_test = 0 AND campaign_id IS NOT NULL
        AND status NOT IN ('queued', 'failed')
      GROUP BY campaign_id
      ORDER BY lastMessage DESC`,
    [contactId],
  );
  return rows.map((r) => r.campaignId);
}

/**
 * The first contact the campaign's rows go to (the lowest id: rows are queued in contact order), or
 * null before it started or when every row's contact is gone.
 */
export async function firstContactOfCampaign(m: ReadManager, campaignId: number): Promise<number | null> {
  const [first] = await select<{ id: number }>(
    m,
    `SELECT contact_id AS id FROM messages
     WHERE campaign_id = ? AND is_test = 0 AND contact_id IS NOT NULL ORDER BY id LIMIT 1`,
    [campaignId],
  );
  return first?.id ?? null;
}
