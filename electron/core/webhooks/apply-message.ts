import type { EntityManager } from 'typeorm';
import { ConversationEntity, MessageEntity } from '../db/entities/messaging';
import type { InboundMessage, MessageEvent } from '../whatsapp/webhooks';
import type { Effects } from './effects';
import { assigneeOf } from '../messaging/message-event';

/** Finds or creates the contact behind a WhatsApp id, keeping its derived fields right. */
export type InboundContactUpserter = (
  m: EntityManager,
  contact: { waId: string; profileName: string | null; at: Date },
) => Promise<number>;

/** Called after commit for inbound media, which must be fetched before Meta's link expires. */
export type InboundMediaFetcher = (
  messageId: number,
  phoneNumberId: string,
  mediaId: string,
) => Promise<void>;

/** An inbound message just stored, for hooks of other domains (campaign opt-out keywords). */
export interface InboundMessageInfo {
  messageId: number;
  contactId: number;
  waId: string;
  phoneNumberId: string;
  message: InboundMessage;
  at: Date;
}

/** Runs inside the transaction that stored the message, so its changes commit or roll back with it. */
export type InboundHook = (m: EntityManager, inbound: InboundMessageInfo, effects: Effects) => Promise<void>;

export interface ApplyMessageDeps {
  upsertContact: InboundContactUpserter;
  fetchMedia?: InboundMediaFetcher;
  onInbound?: InboundHook;
}

/**
 * An inbound message: the contact is created or updated, and a conversation is created or reopened,
 * because only a message from the contact makes a conversation. A message seen before (same wamid,
 * Meta redelivering) changes nothing.
 */
export async function applyMessage(
  m: EntityManager,
  event: MessageEvent,
  deps: ApplyMessageDeps,
  effects: Effects,
) {
  const message = event.message;
  const messages = m.getRepository(MessageEntity);
  if (await messages.existsBy({ waMessageId: message.id })) return;

  const at = new Date(message.timestamp * 1000);
  const contactId = await deps.upsertContact(m, {
    waId: event.contact?.waId ?? message.from,
    profileName: event.contact?.name ?? null,
    at,
  });
  const conversationId = await openConversation(m, contactId, event.phoneNumberId, at);
  const inserted = await messages.insert({
    waMessageId: message.id,
    clientRef: null,
    direction: 'in',
    contactId,
    conversationId,
    phoneNumberId: event.phoneNumberId,
    recipientWaId: message.from,
    type: message.type,
    text: textOf(message),
    payload: JSON.stringify(contentOf(message)),
    status: 'received',
    errorCode: null,
    errorTitle: null,
    errorDetails: null,
    campaignId: null,
    contextWaMessageId: message.context?.id ?? null,
    createdAt: at,
    sentAt: null,
    deliveredAt: null,
    readAt: null,
    failedAt: null,
  });
  const messageId = inserted.identifiers[0]!.id as number;
  await deps.onInbound?.(
    m,
    {
      messageId,
      contactId,
      waId: event.contact?.waId ?? message.from,
      phoneNumberId: event.phoneNumberId,
      message,
      at,
    },
    effects,
  );
  const assignedUserId = await assigneeOf(m, conversationId);
  effects.publish('conversations.changed', { conversationId, contactId, assignedUserId });
  effects.publish('messages.changed', {
    messageId,
    conversationId,
    assignedUserId,
    campaignId: null,
    status: 'received',
  });
  if ('media' in message && deps.fetchMedia) {
    const fetchMedia = deps.fetchMedia;
    effects.after(() => fetchMedia(messageId, event.phoneNumberId, message.media.id));
  }
}

async function openConversation(
  m: EntityManager,
  contactId: number,
  phoneNumberId: string,
  at: Date,
): Promise<number> {
  const repo = m.getRepository(ConversationEntity);
  const existing = await repo.findOneBy({ contactId, phoneNumberId });
  if (!existing) {
    const result = await repo.insert({
      contactId,
      phoneNumberId,
      status: 'open',
      assignedUserId: null,
      unreadCount: 1,
      lastMessageAt: at,
      lastInboundAt: at,
      createdAt: at,
    });
    return result.identifiers[0]!.id as number;
  }
  await repo.update(
    { id: existing.id },
    {
      status: 'open',
      unreadCount: existing.unreadCount + 1,
      // Out-of-order deliveries must not move the conversation back in time.
      lastMessageAt: at > existing.lastMessageAt ? at : existing.lastMessageAt,
      lastInboundAt: at > existing.lastInboundAt ? at : existing.lastInboundAt,
    },
  );
  return existing.id;
}

/** The words a person reads in the inbox list and search. */
function textOf(message: InboundMessage): string | null {
  switch (message.type) {
    case 'text':
      return message.text;
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
    case 'sticker':
      return message.media.caption ?? message.media.filename;
    case 'button':
      return message.button.text;
    case 'interactive':
      return message.reply.title;
    case 'reaction':
      return message.reaction.emoji;
    case 'location':
      return message.location.name ?? message.location.address;
    default:
      return null;
  }
}

/** The message as parsed, without the raw copy (the inbox keeps the original delivery). */
function contentOf(message: InboundMessage): Record<string, unknown> {
  const { raw: _raw, ...content } = message;
  return content;
}
