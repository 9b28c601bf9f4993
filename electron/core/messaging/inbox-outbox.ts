import type { EntityManager } from 'typeorm';
import { MessageEntity, type MessageRow } from '../db/entities/messaging';
import type { ReadManager } from '../db/read-db';
import { execute, sqlDate } from '../db/sql';

/**
 * The inbox outbox's queue and the states it moves a message through (conversations/outbox.ts):
 * this folder owns `messages` (issue 9). Every change is conditional on the state the caller left
 * the row in, and returns how many rows changed, so two workers never both act on one message.
 */

/** Whether some inbox message is queued and due (a retry waiting is not). */
export async function hasDueInboxMessage(m: ReadManager, now: Date): Promise<boolean> {
  const rows = await m.query<unknown[]>(
    `SELECT 1 FROM messages WHERE status = 'queued' AND campaign_id IS NULL AND direction = 'out'
       AND (next_attempt_at IS NULL OR next_attempt_at <= ?) LIMIT 1`,
    [sqlDate(now)],
  );
  return rows.length > 0;
}

/** The oldest queued inbox messages (dates as SQLite strings), due or not. */
export function queuedInboxMessages(
  m: ReadManager,
): Promise<{ id: number; conversationId: number | null; nextAttemptAt: string | null }[]> {
  // Literals, not parameters, so the planner can prove messages_outbox (a partial index) applies.
  return m.query(
    `SELECT id, conversation_id AS conversationId, next_attempt_at AS nextAttemptAt FROM messages
      WHERE status = 'queued' AND campaign_id IS NULL AND direction = 'out'
      ORDER BY id LIMIT 200`,
  );
}

/** A failed or unconfirmed message queued again as if new (a person chose to send it again). */
export function requeueInboxMessage(
  m: EntityManager,
  id: number,
  from: MessageRow['status'],
): Promise<number> {
  return execute(
    m,
    `UPDATE messages SET status = 'queued', next_attempt_at = NULL, failed_at = NULL, error_code = NULL,
            error_title = NULL, error_details = NULL, attempts = 0, unconfirmed_at = NULL
      WHERE id = ? AND status = ?`,
    [id, from],
  );
}

/** The outbox takes a queued message: `sending`, one more attempt. */
export function claimInboxMessage(m: EntityManager, id: number): Promise<number> {
  return execute(
    m,
    `UPDATE messages SET status = 'sending', attempts = attempts + 1, next_attempt_at = NULL
      WHERE id = ? AND status = 'queued'`,
    [id],
  );
}

/** WhatsApp accepted it; a status webhook that came first keeps its later state and wamid. */
export async function markInboxMessageSent(
  m: EntityManager,
  id: number,
  wamid: string,
  at: Date,
): Promise<void> {
  await execute(
    m,
    `UPDATE messages
        SET status = CASE WHEN status IN ('sending', 'unconfirmed') THEN 'sent' ELSE status END,
            wa_message_id = COALESCE(wa_message_id, ?), sent_at = COALESCE(sent_at, ?)
      WHERE id = ?`,
    [wamid, sqlDate(at), id],
  );
}

/** An outcome recorded on a message still in the state `from`. */
export async function settleInboxMessage(
  m: EntityManager,
  id: number,
  from: 'queued' | 'sending',
  changes: Partial<MessageRow>,
): Promise<number> {
  const result = await m.getRepository(MessageEntity).update({ id, status: from }, changes);
  return result.affected ?? 0;
}

/** A file sent by link, now in the library: its kind and library id go into the message. */
export async function setInboxMessageFile(
  m: EntityManager,
  id: number,
  type: string,
  payload: string,
): Promise<void> {
  await m.getRepository(MessageEntity).update({ id }, { type, payload });
}
