import type { EntityManager } from 'typeorm';
import { execute, sqlDate } from '../db/sql';

/**
 * Changes to many message rows at once, for what happens to a campaign as a whole (cancelled,
 * deleted) and to every send after a crash: one statement each, in the caller's transaction. This
 * folder owns `messages` (issue 9). Each returns how many rows changed.
 */

/** The campaign's rows still queued fail unsent, with `title` as their reason. */
export function failQueuedOfCampaign(
  m: EntityManager,
  campaignId: number,
  at: Date,
  title: string,
): Promise<number> {
  return execute(
    m,
    `UPDATE messages SET status = 'failed', failed_at = ?, error_code = NULL, error_title = ?
      WHERE campaign_id = ? AND status = 'queued' AND is_test = 0`,
    [sqlDate(at), title, campaignId],
  );
}

/** The campaign is deleted: its rows stay in their conversations, no longer pointing at it. */
export function detachFromCampaign(m: EntityManager, campaignId: number): Promise<number> {
  return execute(m, `UPDATE messages SET campaign_id = NULL WHERE campaign_id = ?`, [campaignId]);
}

/**
 * After a crash: every outbound row still `sending` (a campaign's or the inbox's) becomes
 * unconfirmed from `at`, since Meta may or may not have it.
 */
export function unconfirmAllSending(m: EntityManager, at: Date): Promise<number> {
  return execute(
    m,
    `UPDATE messages SET status = 'unconfirmed', unconfirmed_at = ?
      WHERE direction = 'out' AND status = 'sending'`,
    [sqlDate(at)],
  );
}
