import type { EntityManager } from 'typeorm';
import { ConversationEntity } from '../db/entities/messaging';
import { moveContactMessages, moveConversationMessages } from '../messaging/merged-contact-messages';

/**
 * When two contacts are merged, the duplicate's conversations and messages move to the contact
 * kept (its conversations would otherwise go with it, the foreign key cascading). Two
 * conversations on the same number become one.
 */
export async function mergeConversations(m: EntityManager, keepId: number, mergeId: number): Promise<void> {
  const conversations = m.getRepository(ConversationEntity);
  const kept = await conversations.findBy({ contactId: keepId });
  for (const moving of await conversations.findBy({ contactId: mergeId })) {
    const target = kept.find((c) => c.phoneNumberId === moving.phoneNumberId);
    if (!target) {
      await conversations.update({ id: moving.id }, { contactId: keepId });
      continue;
    }
    await moveConversationMessages(m, moving.id, target.id);
    await conversations.update(
      { id: target.id },
      {
        status: target.status === 'open' || moving.status === 'open' ? 'open' : 'closed',
        unreadCount: target.unreadCount + moving.unreadCount,
        assignedUserId: target.assignedUserId ?? moving.assignedUserId,
        lastMessageAt:
          moving.lastMessageAt > target.lastMessageAt ? moving.lastMessageAt : target.lastMessageAt,
        lastInboundAt:
          moving.lastInboundAt > target.lastInboundAt ? moving.lastInboundAt : target.lastInboundAt,
      },
    );
    await conversations.delete({ id: moving.id });
  }
  await moveContactMessages(m, mergeId, keepId);
}
