import type { CoreEvents } from '@shared/events';
import type { MessageRow } from '../db/entities/messaging';
import type { ReadManager } from '../db/read-db';
import { assigneeOf } from '../conversations/conversation-rows';

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
