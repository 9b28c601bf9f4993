import type { EntityManager } from 'typeorm';
import { execute, sqlDate } from '../db/sql';
import { ConversationEntity, type MessageRow } from '../db/entities/messaging';
import {
  adoptOutboundMessages,
  messageByWamid,
  recordCustomerChange,
  type CustomerChange,
} from '../messaging/conversation-messages';
import type { InboundMessage } from '../whatsapp/webhooks';
import { recordOpened } from './conversation-figures';
import { inboundText } from './inbound-text';
import { parsePayload } from './outbound-payload';

export interface OpenedConversation {
  id: number;
  /** Made by this message: the customer's first message on this number. */
  created: boolean;
  /** Was resolved, and the customer wrote again. */
  reopened: boolean;
  assignedUserId: number | null;
}

/**
 * The conversation a customer's message belongs to, created or reopened: only a message from the
 * customer makes one. A new conversation takes in what we sent this customer from this number
 * before (campaign messages), so the thread shows what they are answering.
 */
export async function openConversation(
  m: EntityManager,
  contactId: number,
  phoneNumberId: string,
  at: Date,
): Promise<OpenedConversation> {
  const repo = m.getRepository(ConversationEntity);
  const existing = await repo.findOneBy({ contactId, phoneNumberId });
  if (!existing) {
    const result = await repo.insert({
      contactId,
      phoneNumberId,
      status: 'open',
      assignedUserId: null,
      unreadCount: 0,
      lastMessageAt: at,
      lastInboundAt: at,
      createdAt: at,
      lastMessageId: null,
      assignedAt: null,
      resolvedAt: null,
      lastAutoReplyAt: null,
    });
    const id = result.identifiers[0]!.id as number;
    await adoptOutboundMessages(m, id, contactId, phoneNumberId);
    await recordOpened(m, id, at, true);
    return { id, created: true, reopened: false, assignedUserId: null };
  }
  if (existing.status === 'closed') {
    await repo.update({ id: existing.id }, { status: 'open', resolvedAt: null });
    await recordOpened(m, existing.id, at, true);
  }
  return {
    id: existing.id,
    created: false,
    reopened: existing.status === 'closed',
    assignedUserId: existing.assignedUserId,
  };
}

/**
 * The counters the list reads, in the transaction that stored the message: one more unread, the
 * newest message and activity, the customer's last message (the 24-hour window). Out-of-order
 * deliveries never move a conversation back in time.
 */
export async function countInbound(m: EntityManager, conversationId: number, messageId: number, at: Date) {
  const when = sqlDate(at);
  await execute(
    m,
    `UPDATE conversations SET
       unread_count = unread_count + 1,
       last_message_id = CASE WHEN last_message_id IS NULL OR last_message_id < ? THEN ? ELSE last_message_id END,
       last_message_at = max(last_message_at, ?),
       last_inbound_at = max(last_inbound_at, ?)
     WHERE id = ?`,
    [messageId, messageId, when, when, conversationId],
  );
}

/** An outbound message joins the conversation's counters (no unread; the window is the customer's). */
export async function countOutbound(m: EntityManager, conversationId: number, messageId: number, at: Date) {
  await execute(
    m,
    `UPDATE conversations SET
       last_message_id = CASE WHEN last_message_id IS NULL OR last_message_id < ? THEN ? ELSE last_message_id END,
       last_message_at = max(last_message_at, ?)
     WHERE id = ?`,
    [messageId, messageId, sqlDate(at), conversationId],
  );
}

/** A keyword auto-reply went out in the conversation: its quiet time starts now (replies/). */
export async function markAutoReplied(m: EntityManager, conversationId: number, at: Date) {
  await execute(m, 'UPDATE conversations SET last_auto_reply_at = ? WHERE id = ?', [
    sqlDate(at),
    conversationId,
  ]);
}

/** What a customer's edit, deletion or reaction changed: the message to tell windows about. */
export interface ChangedMessage {
  row: MessageRow;
}

/**
 * A customer's edit, deletion (revoke) or reaction, applied to the message it is about (issue 13
 * item 6): the thread shows the latest text and "edited", "this message was deleted", and the
 * reaction on the message. A later change wins over an earlier one that arrives late. Returns
 * null when the original is unknown (older than this app's records): the caller stores what it can.
 */
export async function applyCustomerChange(
  m: EntityManager,
  message: Extract<InboundMessage, { type: 'edit' | 'revoke' | 'reaction' }>,
  /**
   * Who the customer is: their contact (found by WhatsApp id or user id), since they may have been
   * written to under their number and now write under their user id, or the other way round; and
   * the keys they wrote under, for a message sent to a number that has no contact (`messages.send`).
   */
  customer: { contactId: number | null; addresses: readonly string[] },
  at: Date,
): Promise<ChangedMessage | null> {
  const originalId =
    message.type === 'edit'
      ? message.edit.originalMessageId
      : message.type === 'revoke'
        ? message.revoke.originalMessageId
        : message.reaction.messageId;
  const original = await messageByWamid(m, originalId);
  // Only the customer's own messages can be edited or deleted by them; a reaction may be on either.
  const theirs =
    original !== null &&
    ((customer.contactId !== null && original.contactId === customer.contactId) ||
      customer.addresses.includes(original.recipientWaId));
  if (!original || !theirs) return null;
  if (message.type !== 'reaction' && original.direction !== 'in') return null;

  const changes: CustomerChange = {};
  if (message.type === 'reaction') {
    if (original.reactedAt && original.reactedAt > at) return { row: original };
    changes.reaction = message.reaction.emoji;
    changes.reactedAt = at;
  } else if (message.type === 'revoke') {
    if (original.deletedAt) return { row: original };
    // What they deleted is no longer shown or searchable; the raw delivery stays in webhook_inbox.
    changes.deletedAt = at;
    changes.text = null;
    changes.payload = JSON.stringify({ type: original.type, revoked: true });
  } else {
    if (original.deletedAt || (original.editedAt && original.editedAt > at) || !message.edit.message) {
      return { row: original };
    }
    const edited = message.edit.message;
    const payload = (parsePayload(original.payload) ?? {}) as Record<string, unknown>;
    if (edited.type === 'text') payload.text = edited.text;
    else if (payload.media && typeof payload.media === 'object') {
      (payload.media as Record<string, unknown>).caption = edited.media.caption;
    }
    changes.text = inboundText(edited);
    changes.payload = JSON.stringify(payload);
    changes.editedAt = at;
  }
  await recordCustomerChange(m, original.id, changes);
  return { row: { ...original, ...changes } };
}
