import type { EntityManager } from 'typeorm';
import { MessageEntity } from '../db/entities/messaging';

/**
 * When two contacts are merged (conversations/merge-conversations.ts), their messages follow: this
 * folder owns `messages` (issue 9). Writes, inside the merge's transaction.
 */

/** A conversation's messages join another one (the two were the same customer on the same number). */
export async function moveConversationMessages(
  m: EntityManager,
  fromId: number,
  toId: number,
): Promise<void> {
  await m.getRepository(MessageEntity).update({ conversationId: fromId }, { conversationId: toId });
}

/** Every message of the merged contact becomes the kept contact's. */
export async function moveContactMessages(m: EntityManager, fromId: number, toId: number): Promise<void> {
  await m.getRepository(MessageEntity).update({ contactId: fromId }, { contactId: toId });
}
