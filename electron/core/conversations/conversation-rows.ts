import { ConversationEntity, type ConversationRow } from '../db/entities/messaging';
import type { ReadManager } from '../db/read-db';

/** How other domains read a conversation: this folder owns `conversations` (issue 9). */
export function conversationById(m: ReadManager, id: number): Promise<ConversationRow | null> {
  return m.getRepository(ConversationEntity).findOneBy({ id });
}

/** A customer's conversation with one of the business's numbers (there is at most one). */
export function conversationWith(
  m: ReadManager,
  contactId: number,
  phoneNumberId: string,
): Promise<ConversationRow | null> {
  return m.getRepository(ConversationEntity).findOneBy({ contactId, phoneNumberId });
}

/** Who a conversation is assigned to: what decides which windows hear of its messages. */
export async function assigneeOf(m: ReadManager, conversationId: number | null): Promise<number | null> {
  if (conversationId === null) return null;
  const conversation = await m
    .getRepository(ConversationEntity)
    .findOne({ where: { id: conversationId }, select: { assignedUserId: true } });
  return conversation?.assignedUserId ?? null;
}
