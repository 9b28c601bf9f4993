import { randomUUID } from 'node:crypto';
import { EntityNotFoundError, type EntityManager } from 'typeorm';
import { AppError } from '@shared/errors';
import type { ParsedInputOf } from '@shared/operations';
import type { ConversationDto, ThreadMessage } from '@shared/types/conversations';
import type { TemplateDto } from '@shared/types/templates';
import type { Actor } from '../auth/actor';
import type { WhatsAppConnection } from '../connection/whatsapp-connection';
import type { CoreContext } from '../core-context';
import { execute, fromSqlDate, sqlDate } from '../db/sql';
import { contactById } from '../contacts/contact-lookup';
import { ConversationEntity, type MessageRow } from '../db/entities/messaging';
import type { MediaService } from '../media/media-service';
import { adoptOutboundMessages } from '../messaging/conversation-messages';
import { insertInboxMessage, latestInboundMessage, writtenMessage } from '../messaging/inbox-messages';
import { requeueInboxMessage } from '../messaging/inbox-outbox';
import { messageById } from '../messaging/message-lookup';
import { messageChanged } from '../messaging/message-event';
import { syncPhoneNumbers } from '../messaging/phone-numbers';
import { UNCONFIRMED_QUIET_PERIOD_MS } from '../campaigns/unconfirmed';
import { allPhoneNumbers } from '../phone-numbers/phone-number-rows';
import { approvedTemplates } from '../templates/template-choices';
import { toTemplateDto } from '../templates/template-service';
import { viewerOf } from './access';
import type { RawConversation } from './conversation-dto';
import { recordMemberReply, recordOpened } from './conversation-figures';
import type { ConversationService } from './conversation-service';
import { countOutbound } from './inbound';
import type { InboxPayload } from './outbound-payload';
import type { Outbox } from './outbox';
import { approvedTemplate, renderContact, renderTemplate } from './template-message';
import { toThreadMessages } from './thread';
import { assertWindowOpen, NEVER_WROTE } from './window';
import { customerAddress } from '../util/customer-address';

type SendInput = ParsedInputOf<'conversations.send'>;
type TemplateInput = NonNullable<SendInput['template']>;

/** How often "typing…" is sent for one conversation: it shows for up to 25 s on the customer's side. */
const TYPING_EVERY_MS = 20_000;

/** A row to queue: everything but the bookkeeping every inbox message shares. */
export interface QueuedMessage {
  payload: InboxPayload;
  text: string | null;
  contextWaMessageId: string | null;
  sentByUserId: number | null;
  autoReplyId: number | null;
}

/**
 * Replies from the inbox. Sending never waits on the network: a message is checked (the 24-hour
 * window, the file, the template), stored as `queued` with the conversation's counters in the same
 * transaction, and returned at once; the outbox sends it and its ticks follow by event.
 */
export class ConversationSender {
  private readonly typingSentAt = new Map<number, number>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly whatsapp: WhatsAppConnection | null,
    private readonly media: MediaService,
    private readonly conversations: ConversationService,
    private readonly outbox: Outbox,
  ) {}

  async send(actor: Actor, input: SendInput): Promise<ThreadMessage> {
    const conversation = await this.conversations.readable(viewerOf(actor), input.conversationId);
    const now = this.ctx.clock.now();
    if (input.text !== undefined || input.media !== undefined) {
      assertWindowOpen(fromSqlDate(conversation.lastInboundAt), now);
    }
    await this.assertReachable(conversation.contactId);
    const contextWaMessageId = await this.quoted(conversation.id, input.replyToMessageId);
    const queued: QueuedMessage = {
      ...(await this.content(actor, conversation, input)),
      contextWaMessageId,
      sentByUserId: actor.apiTokenId === undefined ? actor.user.id : null,
      autoReplyId: null,
    };
    const id = await this.ctx.tx.run((m) => queueMessage(m, this.ctx, conversation, queued));
    return this.queuedAndTold(conversation, id);
  }

  /**
   * Sends a failed message again where that is safe: WhatsApp never accepted it (no wamid), or it
   * is unconfirmed and the person accepts that the customer may get it twice.
   */
  async retry(actor: Actor, messageId: number, confirmDuplicate: boolean): Promise<ThreadMessage> {
    const row = await messageById(this.ctx.db, messageId);
    if (!row || row.conversationId === null || row.direction !== 'out' || row.campaignId !== null) {
      throw new AppError('NOT_FOUND', `No inbox message with id ${messageId}`);
    }
    const conversation = await this.conversations.readable(viewerOf(actor), row.conversationId);
    const safe = row.status === 'failed' && row.waMessageId === null;
    const confirmed = row.status === 'unconfirmed' && confirmDuplicate;
    if (!safe && !confirmed) {
      throw new AppError(
        'CONFLICT',
        row.status === 'unconfirmed'
          ? 'WhatsApp may have delivered this message: confirm to send it again anyway'
          : 'Only a message WhatsApp never accepted can be sent again',
      );
    }
    if (confirmed) {
      // As for campaigns (campaigns/unconfirmed.ts): while WhatsApp may still report the first copy,
      // a second one is the likely outcome, so sending again waits for a quiet period.
      const since = row.unconfirmedAt ?? row.createdAt;
      const allowedAt = new Date(since.getTime() + UNCONFIRMED_QUIET_PERIOD_MS);
      if (this.ctx.clock.now() < allowedAt) {
        throw new AppError(
          'CONFLICT',
          `WhatsApp may still report this message: it can be sent again from ${allowedAt.toISOString()}`,
        );
      }
    }
    if (row.type !== 'template') {
      assertWindowOpen(fromSqlDate(conversation.lastInboundAt), this.ctx.clock.now());
    }
    const from = row.status;
    const changed = await this.ctx.tx.run((m) => requeueInboxMessage(m, messageId, from));
    if (!changed) throw new AppError('CONFLICT', 'The message changed meanwhile; look again');
    return this.queuedAndTold(conversation, messageId);
  }

  /** "typing…" for the customer while an agent writes, at most every 20 s per conversation. */
  async typing(actor: Actor, conversationId: number): Promise<{ sent: boolean }> {
    const conversation = await this.conversations.readable(viewerOf(actor), conversationId);
    const whatsapp = this.whatsapp;
    const now = this.ctx.clock.now().getTime();
    if (!whatsapp || now - (this.typingSentAt.get(conversationId) ?? 0) < TYPING_EVERY_MS)
      return { sent: false };
    const last = await latestInboundMessage(this.ctx.db, conversationId);
    if (!last) return { sent: false };
    this.typingSentAt.set(conversationId, now);
    try {
      await whatsapp.client.messages.markAsRead(conversation.phoneNumberId, last.waMessageId, {
        typingIndicator: true,
      });
      return { sent: true };
    } catch (error) {
      this.ctx.logger.warn(
        `typing indicator not shown: ${error instanceof Error ? error.message : String(error)}`,
      );
      return { sent: false };
    }
  }

  /** Approved templates, for the composer outside the window and for starting a conversation. */
  async templates(): Promise<TemplateDto[]> {
    return (await approvedTemplates(this.ctx.db)).map(toTemplateDto);
  }

  /**
   * A conversation started by the shop with an approved template (from a contact's page). It is
   * assigned to whoever starts it; the customer's window stays closed until they write.
   */
  async start(actor: Actor, input: ParsedInputOf<'conversations.start'>): Promise<ConversationDto> {
    const contact = await contactById(this.ctx.db, input.contactId);
    if (!contact) throw new AppError('NOT_FOUND', `No contact with id ${input.contactId}`);
    await this.assertReachable(contact.id);
    const phoneNumberId = await this.senderNumber(input.phoneNumberId);
    const now = this.ctx.clock.now();
    const existing = await this.ctx.db
      .getRepository(ConversationEntity)
      .findOneBy({ contactId: contact.id, phoneNumberId });
    const content = await this.templateContent(input.template, contact.id);
    const queued: QueuedMessage = {
      ...content,
      contextWaMessageId: null,
      sentByUserId: actor.apiTokenId === undefined ? actor.user.id : null,
      autoReplyId: null,
    };
    const { conversationId, messageId } = await this.ctx.tx.run(async (m) => {
      let conversationId = existing?.id;
      if (conversationId === undefined) {
        const result = await m.getRepository(ConversationEntity).insert({
          contactId: contact.id,
          phoneNumberId,
          status: 'open',
          assignedUserId: actor.apiTokenId === undefined ? actor.user.id : null,
          unreadCount: 0,
          lastMessageAt: now,
          lastInboundAt: NEVER_WROTE,
          createdAt: now,
          lastMessageId: null,
          assignedAt: actor.apiTokenId === undefined ? now : null,
          resolvedAt: null,
          lastAutoReplyAt: null,
        });
        conversationId = result.identifiers[0]!.id as number;
        await adoptOutboundMessages(m, conversationId, contact.id, phoneNumberId);
        await recordOpened(m, conversationId, now, false);
      } else {
        await execute(m, `UPDATE conversations SET status = 'open', resolved_at = NULL WHERE id = ?`, [
          conversationId,
        ]);
        if (existing?.status === 'closed') await recordOpened(m, conversationId, now, false);
      }
      const row = await m.getRepository(ConversationEntity).findOneByOrFail({ id: conversationId });
      const messageId = await queueMessage(m, this.ctx, rawOf(row), queued);
      await this.ctx.audit.record(m, {
        actorUserId: actor.user.id,
        action: 'conversation.started',
        targetType: 'conversation',
        targetId: conversationId,
        details: {
          contactId: contact.id,
          templateId: content.payload.type === 'template' ? content.payload.templateId : null,
        },
      });
      return { conversationId, messageId };
    });
    const conversation = await this.conversations.readable(viewerOf(actor), conversationId);
    await this.queuedAndTold(conversation, messageId);
    return this.conversations.dto(conversation);
  }

  private async queuedAndTold(conversation: RawConversation, messageId: number): Promise<ThreadMessage> {
    const row = await writtenMessage(this.ctx.db, messageId);
    this.ctx.events.publish('messages.changed', await messageChanged(this.ctx.db, row));
    this.conversations.changed(conversation, conversation.assignedUserId);
    this.outbox.poke();
    const [message] = await toThreadMessages(this.ctx.db, [row], this.ctx.clock.now());
    return message!;
  }

  /** The payload and text of what the person asked to send. */
  private async content(
    actor: Actor,
    conversation: RawConversation,
    input: SendInput,
  ): Promise<Pick<QueuedMessage, 'payload' | 'text'>> {
    if (input.text !== undefined) {
      return { payload: { inbox: true, type: 'text', text: input.text }, text: input.text };
    }
    if (input.template) return this.templateContent(input.template, conversation.contactId);
    const media = input.media!;
    const caption = media.caption?.trim() ? media.caption.trim() : null;
    if (media.link !== undefined) {
      // Fetched into the library by the outbox; its kind is known then (a document until it is).
      return {
        payload: { inbox: true, type: 'document', mediaId: null, link: media.link, caption },
        text: caption ?? media.link,
      };
    }
    const file =
      media.mediaId !== undefined
        ? await this.media.get(media.mediaId)
        : await this.media.storeFile(
            {
              phoneNumberId: conversation.phoneNumberId,
              fileName: media.file!.fileName,
              mimeType: media.file!.mimeType,
              data: Buffer.from(media.file!.contentBase64, 'base64'),
            },
            actor,
          );
    if (file.phoneNumberId !== conversation.phoneNumberId) {
      throw new AppError('VALIDATION', 'That file is in another phone number’s media library', {
        fields: [{ field: 'media.mediaId', message: 'From another number’s library' }],
      });
    }
    if (caption && (file.kind === 'audio' || file.kind === 'sticker')) {
      throw new AppError(
        'VALIDATION',
        `WhatsApp sends ${file.kind === 'audio' ? 'audio' : 'stickers'} without a caption`,
        {
          fields: [{ field: 'media.caption', message: 'Not allowed for this kind of file' }],
        },
      );
    }
    return {
      payload: { inbox: true, type: file.kind, mediaId: file.id, link: null, caption },
      text: caption ?? file.fileName,
    };
  }

  private async templateContent(
    input: TemplateInput,
    contactId: number,
  ): Promise<Pick<QueuedMessage, 'payload' | 'text'>> {
    const template = await approvedTemplate(this.ctx.db, input);
    if (input.mediaHeader && 'mediaId' in input.mediaHeader) await this.media.get(input.mediaHeader.mediaId);
    const rendered = renderTemplate(
      template,
      input.variables,
      input.mediaHeader,
      null,
      await renderContact(this.ctx.db, contactId),
    );
    return {
      payload: {
        inbox: true,
        type: 'template',
        templateId: template.id,
        name: template.name,
        language: template.language,
        variables: input.variables,
        mediaHeader: input.mediaHeader,
        rendered: rendered.rendered,
      },
      text: rendered.text,
    };
  }

  /** The quoted message: one of this conversation's that WhatsApp knows (it has a wamid). */
  private async quoted(conversationId: number, messageId: number | undefined): Promise<string | null> {
    if (messageId === undefined) return null;
    const row = await messageById(this.ctx.db, messageId);
    if (!row || row.conversationId !== conversationId) {
      throw new AppError('VALIDATION', 'The message to reply to is not in this conversation', {
        fields: [{ field: 'replyToMessageId', message: 'Not in this conversation' }],
      });
    }
    if (!row.waMessageId) {
      throw new AppError('VALIDATION', 'That message has not reached WhatsApp yet, so it cannot be quoted', {
        fields: [{ field: 'replyToMessageId', message: 'Not sent yet' }],
      });
    }
    return row.waMessageId;
  }

  private async assertReachable(contactId: number): Promise<void> {
    if (!this.whatsapp) throw new AppError('CONFLICT', 'WhatsApp is not connected');
    const contact = await contactById(this.ctx.db, contactId);
    if (contact?.status === 'blocked') throw new AppError('CONFLICT', 'This contact is blocked');
  }

  private async senderNumber(wanted: string | undefined): Promise<string> {
    let numbers = await allPhoneNumbers(this.ctx.db);
    if (numbers.length === 0 && this.whatsapp) numbers = await syncPhoneNumbers(this.ctx, this.whatsapp);
    const chosen = wanted ? numbers.find((n) => n.id === wanted) : numbers[0];
    if (!chosen) {
      throw new AppError(
        'VALIDATION',
        wanted ? `No phone number ${wanted}` : 'The business account has no phone number',
        {
          fields: [{ field: 'phoneNumberId', message: 'Unknown phone number' }],
        },
      );
    }
    return chosen.id;
  }
}

/**
 * Stores one outbound inbox message as `queued` and moves the conversation's counters, in the
 * caller's transaction (the auto-reply hook queues its answer inside the webhook's).
 */
export async function queueMessage(
  m: EntityManager,
  ctx: CoreContext,
  conversation: Pick<RawConversation, 'id' | 'contactId' | 'phoneNumberId'>,
  queued: QueuedMessage,
): Promise<number> {
  const contact = await contactById(m, conversation.contactId);
  // The conversation's customer is there (deleting a contact deletes its conversations).
  if (!contact) throw new EntityNotFoundError('Contact', { id: conversation.contactId });
  const now = ctx.clock.now();
  const row: Omit<MessageRow, 'id'> = {
    waMessageId: null,
    clientRef: `wd_${randomUUID()}`,
    direction: 'out',
    contactId: conversation.contactId,
    conversationId: conversation.id,
    phoneNumberId: conversation.phoneNumberId,
    recipientWaId: customerAddress(contact),
    type: queued.payload.type,
    text: queued.text,
    payload: JSON.stringify(queued.payload),
    status: 'queued',
    errorCode: null,
    errorTitle: null,
    errorDetails: null,
    campaignId: null,
    contextWaMessageId: queued.contextWaMessageId,
    attempts: 0,
    nextAttemptAt: null,
    isTest: false,
    createdAt: now,
    sentAt: null,
    deliveredAt: null,
    readAt: null,
    failedAt: null,
    unconfirmedAt: null,
    sentByUserId: queued.sentByUserId,
    autoReplyId: queued.autoReplyId,
    editedAt: null,
    deletedAt: null,
    reaction: null,
    reactedAt: null,
    pricingCategory: null,
    pricingType: null,
    pricingBillable: null,
  };
  const id = await insertInboxMessage(m, row);
  await countOutbound(m, conversation.id, id, now);
  if (queued.sentByUserId !== null) await recordMemberReply(m, conversation.id, queued.sentByUserId, now);
  return id;
}

/** A conversation entity row in the shape the list reads. */
function rawOf(row: {
  id: number;
  contactId: number;
  phoneNumberId: string;
  status: 'open' | 'closed';
  assignedUserId: number | null;
  assignedAt: Date | null;
  unreadCount: number;
  lastMessageAt: Date;
  lastInboundAt: Date;
  createdAt: Date;
  lastMessageId: number | null;
  resolvedAt: Date | null;
}): RawConversation {
  return {
    ...row,
    lastMessageAt: sqlDate(row.lastMessageAt),
    lastInboundAt: sqlDate(row.lastInboundAt),
    createdAt: sqlDate(row.createdAt),
    assignedAt: row.assignedAt ? sqlDate(row.assignedAt) : null,
    resolvedAt: row.resolvedAt ? sqlDate(row.resolvedAt) : null,
  };
}
