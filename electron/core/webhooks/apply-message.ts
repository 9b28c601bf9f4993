import type { EntityManager } from 'typeorm';
import type { InboundCustomer } from '../contacts/inbound-contact';
import { customerAddress } from '../util/customer-address';
import { hasMessage, insertInboundMessage } from '../messaging/inbound-message-rows';
import { applyCustomerChange, countInbound, openConversation } from '../conversations/inbound';
import { inboundText } from '../conversations/inbound-text';
import type { InboundMessage, MessageEvent } from '../whatsapp/webhooks';
import type { Effects } from './effects';
import { messageChanged } from '../messaging/message-event';
import { assigneeOf } from '../conversations/conversation-rows';

/**
 * Finds or creates the contact behind a WhatsApp id or user id, keeping its derived fields right;
 * `newUserId` (a `user_changed_user_id` message) moves the contact to the customer's new user id.
 */
export interface InboundContactUpserter {
  upsert(m: EntityManager, customer: InboundCustomer): Promise<number>;
  /** The contact these keys name, or null; makes none. */
  find(m: EntityManager, keys: Pick<InboundCustomer, 'waId' | 'userId'>): Promise<number | null>;
  changeUserId(m: EntityManager, contactId: number, newUserId: string): Promise<void>;
}

/** Called after commit for inbound media, which must be fetched before Meta's link expires. */
export type InboundMediaFetcher = (
  messageId: number,
  phoneNumberId: string,
  mediaId: string,
) => Promise<void>;

/** An inbound message just stored, for hooks of other domains (campaign opt-out keywords, auto-replies). */
export interface InboundMessageInfo {
  messageId: number;
  contactId: number;
  /** The customer's address: their WhatsApp id, or their user id when they hide their number. */
  waId: string;
  phoneNumberId: string;
  conversationId: number;
  /** This message made the conversation (the customer's first on this number). */
  conversationCreated: boolean;
  message: InboundMessage;
  at: Date;
}

/** Runs inside the transaction that stored the message, so its changes commit or roll back with it. */
export type InboundHook = (m: EntityManager, inbound: InboundMessageInfo, effects: Effects) => Promise<void>;

export interface ApplyMessageDeps {
  contacts: InboundContactUpserter;
  fetchMedia?: InboundMediaFetcher;
  /** In order: campaign opt-out keywords first, then the inbox (auto-replies, notifications). */
  onInbound?: InboundHook[];
}

/**
 * An inbound message: the contact is created or updated, and a conversation is created or reopened
 * (conversations/inbound.ts), because only a message from the contact makes a conversation. A
 * message seen before (same wamid, Meta redelivering) changes nothing. An edit, a deletion or a
 * reaction changes the message it is about instead of adding one.
 */
export async function applyMessage(
  m: EntityManager,
  event: MessageEvent,
  deps: ApplyMessageDeps,
  effects: Effects,
) {
  const message = event.message;
  if (await hasMessage(m, message.id)) return;

  const at = new Date(message.timestamp * 1000);
  const customer: InboundCustomer = {
    waId: message.from ?? event.contact?.waId ?? null,
    userId: message.fromUserId ?? event.contact?.userId ?? null,
    username: event.contact?.username ?? null,
    profileName: event.contact?.name ?? null,
    at,
  };
  // The parser lets no message through without one of the two.
  const waId = customerAddress(customer);
  if (message.type === 'edit' || message.type === 'revoke' || message.type === 'reaction') {
    const changed = await applyCustomerChange(
      m,
      message,
      {
        contactId: await deps.contacts.find(m, customer),
        addresses: [customer.waId, customer.userId].filter((key): key is string => key !== null),
      },
      at,
    );
    if (changed) {
      effects.publish('messages.changed', await messageChanged(m, changed.row));
      return;
    }
    // A deletion of a message we never had, or a reaction taken back from one, leaves nothing to show.
    if (message.type === 'revoke' || (message.type === 'reaction' && !message.reaction.emoji)) return;
  }
  const contactId = await deps.contacts.upsert(m, customer);
  if (message.type === 'system' && message.system.newUserId)
    await deps.contacts.changeUserId(m, contactId, message.system.newUserId);
  const conversation = await openConversation(m, contactId, event.phoneNumberId, at);
  const messageId = await insertInboundMessage(m, {
    waMessageId: message.id,
    contactId,
    conversationId: conversation.id,
    phoneNumberId: event.phoneNumberId,
    recipientWaId: waId,
    type: message.type,
    text: inboundText(message),
    payload: JSON.stringify(contentOf(message)),
    contextWaMessageId: message.context?.id ?? null,
    createdAt: at,
    // An edit of a message we never had is shown as what it now says, marked edited.
    editedAt: message.type === 'edit' ? at : null,
  });
  await countInbound(m, conversation.id, messageId, at);
  for (const hook of deps.onInbound ?? []) {
    await hook(
      m,
      {
        messageId,
        contactId,
        waId,
        phoneNumberId: event.phoneNumberId,
        conversationId: conversation.id,
        conversationCreated: conversation.created,
        message,
        at,
      },
      effects,
    );
  }
  const assignedUserId = await assigneeOf(m, conversation.id);
  effects.publish('conversations.changed', { conversationId: conversation.id, contactId, assignedUserId });
  effects.publish('messages.changed', {
    messageId,
    conversationId: conversation.id,
    assignedUserId,
    campaignId: null,
    status: 'received',
  });
  const media = message.type === 'edit' ? null : 'media' in message ? message.media : null;
  if (media && deps.fetchMedia) {
    const fetchMedia = deps.fetchMedia;
    effects.after(() => fetchMedia(messageId, event.phoneNumberId, media.id));
  }
}

/** The message as parsed, without the raw copy (the inbox keeps the original delivery). */
function contentOf(message: InboundMessage): Record<string, unknown> {
  const { raw: _raw, ...content } = message;
  return content;
}
