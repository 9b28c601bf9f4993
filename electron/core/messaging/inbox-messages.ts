import type { EntityManager } from 'typeorm';
import { MessageEntity, type MessageRow } from '../db/entities/messaging';
import type { ReadManager } from '../db/read-db';
import { select } from '../db/sql';

/**
 * How the shared inbox stores what a member sends and reads what it needs of a conversation's
 * messages: this folder owns `messages` (issue 9). Writes take the caller's transaction, so a
 * message and its conversation's counters still commit together.
 */

/** Stores an outbound inbox message (queued for the outbox) and returns its id. */
export async function insertInboxMessage(m: EntityManager, row: Omit<MessageRow, 'id'>): Promise<number> {
  const result = await m.getRepository(MessageEntity).insert(row);
  return result.identifiers[0]!.id as number;
}

/** A message the caller has just written: it is there (TypeORM's not-found error otherwise). */
export function writtenMessage(m: ReadManager, id: number): Promise<MessageRow> {
  return m.getRepository(MessageEntity).findOneByOrFail({ id });
}

/** The customer's newest message WhatsApp knows (it has a wamid), for read receipts and "typing…". */
export async function latestInboundMessage(
  m: ReadManager,
  conversationId: number,
): Promise<{ waMessageId: string; phoneNumberId: string } | null> {
  const [last] = await select<{ waMessageId: string; phoneNumberId: string }>(
    m,
    `SELECT wa_message_id AS waMessageId, phone_number_id AS phoneNumberId FROM messages
      WHERE conversation_id = ? AND direction = 'in' AND wa_message_id IS NOT NULL
      ORDER BY id DESC LIMIT 1`,
    [conversationId],
  );
  return last ?? null;
}
