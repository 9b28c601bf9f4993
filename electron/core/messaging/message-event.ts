import type { CoreEvents } from '@shared/events';
import { ConversationEntity, type MessageRow } from '../db/entities/messaging';
import type { ReadManager } from '../db/read-db';

/** Who a conversation is assigned to: what decides which windows hear of its messages. */
export async function assigneeOf(m: ReadManager, conversationId: number | null): Promise<number | null> {
  if (conversationId === null) return null;
  const conversation = await m
    .getRepository(ConversationEntity)
    .findOne({ where: { id: conversationId }, select: { assignedUserId: true } });
  return conversation?.assignedUserId ?? null;
}

/** The `messages.changed` event for a message row as it is now. */
export async function messageChanged(
  m: ReadManager,
  row: Pick<MessageRow, 'id' | 'conversationId' | 'campaignId' | 'status'>,
): Promise<CoreEvents['messages.changed']> {
  return {
    messageId: row.id,
    conversationId: row.conversationId,
    assignedUserId: await assigneeOf(m, row.conversationId),
    campaignId: row.campaignId,
    status: row.status,
  };
}
