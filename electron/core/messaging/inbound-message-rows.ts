import type { EntityManager } from 'typeorm';
import { MessageEntity, type MessageRow } from '../db/entities/messaging';

/**
 * How the webhook stores a customer's message: this folder owns `messages` (issue 9). One query
 * each, as before, since every inbound delivery runs them.
 */

/** A message with this wamid is stored already (Meta delivers the same message again). */
export function hasMessage(m: EntityManager, waMessageId: string): Promise<boolean> {
  return m.getRepository(MessageEntity).existsBy({ waMessageId });
}

/** What an inbound message brings; the rest of its row is what every received message starts with. */
export type InboundMessageValues = Pick<
  MessageRow,
  | 'waMessageId'
  | 'contactId'
  | 'conversationId'
  | 'phoneNumberId'
  | 'recipientWaId'
  | 'type'
  | 'text'
  | 'payload'
  | 'contextWaMessageId'
  | 'createdAt'
  | 'editedAt'
>;

/** Stores a received message and returns its id. */
export async function insertInboundMessage(m: EntityManager, values: InboundMessageValues): Promise<number> {
  const inserted = await m.getRepository(MessageEntity).insert({
    waMessageId: values.waMessageId,
    clientRef: null,
    direction: 'in',
    contactId: values.contactId,
    conversationId: values.conversationId,
    phoneNumberId: values.phoneNumberId,
    recipientWaId: values.recipientWaId,
    type: values.type,
    text: values.text,
    payload: values.payload,
    status: 'received',
    errorCode: null,
    errorTitle: null,
    errorDetails: null,
    campaignId: null,
    contextWaMessageId: values.contextWaMessageId,
    createdAt: values.createdAt,
    sentAt: null,
    deliveredAt: null,
    readAt: null,
    failedAt: null,
    editedAt: values.editedAt,
  });
  return inserted.identifiers[0]!.id as number;
}
