import type { EntityManager } from 'typeorm';
import { MessageEntity, type MessageRow } from '../db/entities/messaging';
import { execute } from '../db/sql';

/**
 * How conversations gather their messages and apply a customer's changes to them: this folder owns
 * `messages` (issue 9); each runs in the caller's transaction.
 */

/**
 * A new conversation takes in what was sent to this customer from this number before it existed
 * (campaign messages), so the thread shows what they are answering.
 */
export async function adoptOutboundMessages(
  m: EntityManager,
  conversationId: number,
  contactId: number,
  phoneNumberId: string,
): Promise<void> {
  await execute(
    m,
    `UPDATE messages SET conversation_id = ?
      WHERE contact_id = ? AND phone_number_id = ? AND conversation_id IS NULL AND direction = 'out'`,
    [conversationId, contactId, phoneNumberId],
  );
}

/** The message WhatsApp knows by this id, if this app stored it. */
export function messageByWamid(m: EntityManager, waMessageId: string): Promise<MessageRow | null> {
  return m.getRepository(MessageEntity).findOneBy({ waMessageId });
}

/** What a customer's edit, deletion or reaction changes in a message. */
export type CustomerChange = Partial<
  Pick<MessageRow, 'text' | 'payload' | 'editedAt' | 'deletedAt' | 'reaction' | 'reactedAt'>
>;

export async function recordCustomerChange(
  m: EntityManager,
  id: number,
  changes: CustomerChange,
): Promise<void> {
  await m.getRepository(MessageEntity).update({ id }, changes);
}
