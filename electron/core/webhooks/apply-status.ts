import type { EntityManager } from 'typeorm';
import { MessageEntity, type MessageRow } from '../db/entities/messaging';
import type { StatusUpdate } from '../whatsapp/webhooks';
import type { Effects } from './effects';
import { movesForward, normalise } from './status-order';
import { messageChanged } from '../messaging/message-event';

/**
 * Moves our message forward to what Meta reports. Matched by the wamid, else by the
 * biz_opaque_callback_data we sent (a status can arrive before the send call returned its wamid).
 * Timestamps are kept even when the status itself may not move back (a late `delivered` after
 * `read` still records when it was delivered). Unknown messages are ignored: not ours, or
 * deleted since.
 */
export async function applyStatus(m: EntityManager, update: StatusUpdate, effects: Effects): Promise<void> {
  const repo = m.getRepository(MessageEntity);
  let message = await repo.findOneBy({ waMessageId: update.messageId });
  if (!message && update.bizOpaqueCallbackData) {
    message = await repo.findOneBy({ clientRef: update.bizOpaqueCallbackData });
  }
  if (!message || message.direction !== 'out') return;

  const at = new Date(update.timestamp * 1000);
  const status = normalise(update.status);
  const changes: Partial<MessageRow> = {};
  if (!message.waMessageId) changes.waMessageId = update.messageId;
  if (status === 'sent' && !message.sentAt) changes.sentAt = at;
  if (status === 'delivered' && !message.deliveredAt) changes.deliveredAt = at;
  if (status === 'read' && !message.readAt) changes.readAt = at;
  if (status === 'failed' && !message.failedAt) {
    const error = update.errors[0];
    changes.failedAt = at;
    changes.errorCode = error?.code ?? null;
    changes.errorTitle = error?.title ?? error?.message ?? null;
    changes.errorDetails = error?.details ?? null;
  }
  if (movesForward(message.status, update.status)) changes.status = status;
  if (Object.keys(changes).length === 0) return;
  await repo.update({ id: message.id }, changes);
  // Any change tells open windows, even one that does not move the status (a late delivery time).
  effects.publish(
    'messages.changed',
    await messageChanged(m, { ...message, status: changes.status ?? message.status }),
  );
}
