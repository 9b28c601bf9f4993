import type { EntityManager } from 'typeorm';
import { conversationIdOf } from '../conversations/contact-conversations';
import { MessageEntity } from '../db/entities/messaging';
import { execute, select, sqlDate, type Fragment } from '../db/sql';
import type { ReadManager } from '../db/read-db';

/**
 * A campaign's queue: one outbound message row per recipient, queued when the campaign starts and
 * sent by the runner (campaigns/campaign-runner.ts). This folder owns `messages` (issue 9); the
 * campaign says whom and when.
 */

/** What every row of a campaign's queue shares. */
export interface CampaignQueue {
  campaignId: number;
  phoneNumberId: string;
  /** What the row shows until it is rendered at send time. */
  text: string;
  now: Date;
}

/**
 * Queues a row for each recipient of `recipients` (a selection of `contact_id` and `address`, the
 * WhatsApp id), in contact order, with their conversation with the number if they have one. One
 * INSERT … SELECT in the caller's transaction, so 100,000 recipients cost one statement, not 100,000
 * round trips. The unique index (campaign_id, recipient_wa_id) makes a second call add nobody twice
 * (OR IGNORE). Returns how many rows it queued.
 */
export function queueRecipients(
  m: EntityManager,
  queue: CampaignQueue,
  recipients: Fragment,
): Promise<number> {
  const conversation = conversationIdOf('r.contact_id', queue.phoneNumberId);
  return execute(
    m,
    `INSERT OR IGNORE INTO messages (
       wa_message_id, client_ref, direction, contact_id, conversation_id, phone_number_id,
       recipient_wa_id, type, text, payload, status, error_code, error_title, error_details,
       campaign_id, context_wa_message_id, attempts, next_attempt_at, is_test, created_at,
       sent_at, delivered_at, read_at, failed_at)
     SELECT NULL, 'wd_' || lower(hex(randomblob(16))), 'out', r.contact_id, ${conversation.sql},
            ?, r.address, 'template', ?, '{}', 'queued', NULL, NULL, NULL,
            ?, NULL, 0, NULL, 0, ?, NULL, NULL, NULL, NULL
       FROM (${recipients.sql}) r
      ORDER BY r.contact_id`,
    [
      ...conversation.params,
      queue.phoneNumberId,
      queue.text,
      queue.campaignId,
      sqlDate(queue.now),
      ...recipients.params,
    ],
  );
}

/** A queued row whose turn has come. */
export interface DueMessage {
  id: number;
  waId: string;
  clientRef: string;
  /** Tries made before this one. */
  attempts: number;
  contactId: number | null;
  phoneNumberId: string;
}

const DUE_COLUMNS = `id, recipient_wa_id AS waId, client_ref AS clientRef, attempts, contact_id AS contactId,
  phone_number_id AS phoneNumberId`;

/**
 * The next `limit` rows to send, never more: a 100,000-recipient campaign is paged through, not
 * loaded. Retries that are due go first (they have waited already), then fresh rows in id order. Two
 * queries, each walking the (campaign_id, status, next_attempt_at) index in its own order, so
 * neither sorts the whole queue. Test sends are not part of the queue.
 */
export async function dueMessages(
  m: ReadManager,
  campaignId: number,
  now: Date,
  limit: number,
): Promise<DueMessage[]> {
  const retries = await select<DueMessage>(
    m,
    `SELECT ${DUE_COLUMNS} FROM messages
      WHERE campaign_id = ? AND status = 'queued' AND next_attempt_at IS NOT NULL
        AND next_attempt_at <= ? AND is_test = 0
      ORDER BY next_attempt_at LIMIT ?`,
    [campaignId, sqlDate(now), limit],
  );
  if (retries.length >= limit) return retries;
  const fresh = await select<DueMessage>(
    m,
    `SELECT ${DUE_COLUMNS} FROM messages
      WHERE campaign_id = ? AND status = 'queued' AND next_attempt_at IS NULL AND is_test = 0
      ORDER BY id LIMIT ?`,
    [campaignId, limit - retries.length],
  );
  return [...retries, ...fresh];
}

/** A campaign's rows by status (test sends left out): what its progress is counted from. */
export function rowsByStatus(m: ReadManager, campaignId: number): Promise<{ status: string; n: number }[]> {
  return select<{ status: string; n: number }>(
    m,
    `SELECT status, COUNT(*) AS n FROM messages WHERE campaign_id = ? AND is_test = 0 GROUP BY status`,
    [campaignId],
  );
}

/** A campaign's rows not settled yet, by status, with the earliest time a deferred one is due. */
export function unsettledRows(
  m: ReadManager,
  campaignId: number,
): Promise<{ status: string; n: number; nextAt: string | null }[]> {
  return select<{ status: string; n: number; nextAt: string | null }>(
    m,
    `SELECT status, COUNT(*) AS n, MIN(next_attempt_at) AS nextAt FROM messages
      WHERE campaign_id = ? AND is_test = 0 AND status IN ('queued', 'sending', 'unconfirmed')
      GROUP BY status`,
    [campaignId],
  );
}

/** How many of a campaign's rows still wait to be sent. */
export function queuedCount(m: ReadManager, campaignId: number): Promise<number> {
  return m.getRepository(MessageEntity).countBy({ campaignId, isTest: false, status: 'queued' });
}
