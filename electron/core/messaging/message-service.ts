import { randomUUID } from 'node:crypto';
import { AppError } from '@shared/errors';
import type { ParsedInputOf } from '@shared/operations';
import type { MessageDetailDto, MessageDto } from '@shared/types/messages';
import type { WhatsAppConnection } from '../connection/whatsapp-connection';
import type { CoreContext } from '../core-context';
import { MessageEntity, type MessageRow } from '../db/entities/messaging';
import { contactByAddress } from '../contacts/contact-lookup';
import { conversationWith } from '../conversations/conversation-rows';
import { allPhoneNumbers } from '../phone-numbers/phone-number-rows';
import { toE164 } from '../util/phone';
import { WhatsAppApiError, type OutboundMessage, type TemplateComponent } from '../whatsapp';
import { toMessageDto } from './message-dto';
import { isRegistered, syncPhoneNumbers } from './phone-numbers';
import { messageChanged } from './message-event';
import { countOutbound } from '../conversations/inbound';
import { statusHistoryOf } from './status-history';
import { isBusinessUserId } from '@shared/customer-id';
import { sendTarget } from '../util/customer-address';

const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

type SendInput = ParsedInputOf<'messages.send'>;

/**
 * Single messages (the token API; the inbox later). A message is a row before it is a request: it
 * is stored, then sent with its row's reference as biz_opaque_callback_data, so status webhooks find
 * it even if they arrive before Meta's answer does.
 */
export class MessageService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly whatsapp: WhatsAppConnection | null,
  ) {}

  async get(id: number): Promise<MessageDetailDto> {
    return { ...(await this.dto(id)), statusHistory: await statusHistoryOf(this.ctx.db.manager, id) };
  }

  private async dto(id: number): Promise<MessageDto> {
    const row = await this.ctx.db.getRepository(MessageEntity).findOneBy({ id });
    if (!row) throw new AppError('NOT_FOUND', `No message with id ${id}`);
    return toMessageDto(row);
  }

  async send(input: SendInput): Promise<MessageDto> {
    const whatsapp = this.whatsapp;
    if (!whatsapp) throw new AppError('CONFLICT', 'WhatsApp is not connected');
    // A customer who hides their number is named by their WhatsApp user id instead (issue 13).
    const userId = isBusinessUserId(input.to) ? input.to : null;
    const e164 = userId ? null : toE164(input.to, this.ctx.organization.defaultCountry);
    if (!userId && !e164) {
      throw new AppError('VALIDATION', 'Not a phone number', {
        fields: [
          {
            field: 'to',
            message: 'Not a phone number (add the country code, e.g. +91…) or a WhatsApp user id (US.1349…)',
          },
        ],
      });
    }
    const waId = userId ?? e164!.slice(1);
    const phoneNumberId = await this.senderNumber(whatsapp, input.phoneNumberId);
    const contact = await contactByAddress(this.ctx.db, userId ? { userId } : { phone: e164! });
    const conversation = contact ? await conversationWith(this.ctx.db, contact.id, phoneNumberId) : null;
    if (contact?.status === 'blocked') throw new AppError('CONFLICT', 'This contact is blocked');
    if (input.text !== undefined) {
      const lastInbound = conversation?.lastInboundAt.getTime() ?? 0;
      if (this.ctx.clock.now().getTime() - lastInbound > SERVICE_WINDOW_MS) {
        throw new AppError(
          'CONFLICT',
          'The customer has not written in the last 24 hours: only a template may be sent now',
          { fields: [{ field: 'text', message: 'Outside the 24-hour customer service window' }] },
        );
      }
    }
    const message = this.outbound(input);
    const clientRef = `wd_${randomUUID()}`;
    const id = await this.store({
      clientRef,
      phoneNumberId,
      waId,
      contactId: contact?.id ?? null,
      conversationId: conversation?.id ?? null,
      message,
      text: input.text ?? `[template ${input.template?.name}]`,
    });
    await this.deliver(whatsapp, id, phoneNumberId, sendTarget(waId), message, clientRef);
    const dto = await this.dto(id);
    this.ctx.events.publish(
      'messages.changed',
      await messageChanged(this.ctx.db, { ...dto, campaignId: null }),
    );
    return dto;
  }

  private outbound(input: SendInput): OutboundMessage {
    if (input.text !== undefined) return { type: 'text', text: { body: input.text } };
    const template = input.template!;
    const components: TemplateComponent[] = [];
    if (template.headerParameters.length) {
      components.push({
        type: 'header',
        parameters: template.headerParameters.map((text) => ({ type: 'text', text })),
      });
    }
    if (template.bodyParameters.length) {
      components.push({
        type: 'body',
        parameters: template.bodyParameters.map((text) => ({ type: 'text', text })),
      });
    }
    return {
      type: 'template',
      template: {
        name: template.name,
        language: { code: template.language },
        ...(components.length ? { components } : {}),
      },
    };
  }

  private async store(row: {
    clientRef: string;
    phoneNumberId: string;
    waId: string;
    contactId: number | null;
    conversationId: number | null;
    message: OutboundMessage;
    text: string;
  }): Promise<number> {
    const result = await this.ctx.tx.run(async (m) => {
      const inserted = await m.getRepository(MessageEntity).insert({
        waMessageId: null,
        clientRef: row.clientRef,
        direction: 'out',
        contactId: row.contactId,
        conversationId: row.conversationId,
        phoneNumberId: row.phoneNumberId,
        recipientWaId: row.waId,
        type: row.message.type,
        text: row.text,
        payload: JSON.stringify(row.message),
        status: 'sending',
        errorCode: null,
        errorTitle: null,
        errorDetails: null,
        campaignId: null,
        contextWaMessageId: null,
        createdAt: this.ctx.clock.now(),
        sentAt: null,
        deliveredAt: null,
        readAt: null,
        failedAt: null,
      });
      // In a conversation, the inbox's list shows it as the newest message.
      const id = inserted.identifiers[0]!.id as number;
      if (row.conversationId !== null) await countOutbound(m, row.conversationId, id, this.ctx.clock.now());
      return inserted;
    });
    return result.identifiers[0]!.id as number;
  }

  /** Sends the stored row and records Meta's answer: its wamid, or the error with Meta's code. */
  private async deliver(
    whatsapp: WhatsAppConnection,
    id: number,
    phoneNumberId: string,
    to: string,
    message: OutboundMessage,
    clientRef: string,
  ): Promise<void> {
    let changes: Partial<MessageRow>;
    try {
      const sent = await whatsapp.client.messages.send(phoneNumberId, to, message, {
        bizOpaqueCallbackData: clientRef,
      });
      changes = { waMessageId: sent.wamid, sentAt: this.ctx.clock.now() };
    } catch (error) {
      if (!(error instanceof WhatsAppApiError)) throw error;
      changes = {
        status: 'failed',
        failedAt: this.ctx.clock.now(),
        errorCode: error.code ?? null,
        errorTitle: error.title ?? error.message,
        errorDetails: error.details ?? null,
      };
    }
    await this.ctx.tx.run(async (m) => {
      const current = await m.getRepository(MessageEntity).findOneByOrFail({ id });
      // A status webhook may have got here first; only a row still `sending` moves to `sent`.
      const status = changes.status ?? (current.status === 'sending' ? 'sent' : current.status);
      await m
        .getRepository(MessageEntity)
        .update({ id }, { ...changes, status, waMessageId: changes.waMessageId ?? current.waMessageId });
    });
  }

  private async senderNumber(whatsapp: WhatsAppConnection, wanted: string | undefined): Promise<string> {
    let numbers = await allPhoneNumbers(this.ctx.db);
    if (numbers.length === 0) numbers = await syncPhoneNumbers(this.ctx, whatsapp);
    // Without a choice, the first number that can send; a number still to register cannot.
    const chosen = wanted ? numbers.find((n) => n.id === wanted) : numbers.find(isRegistered);
    if (chosen && !isRegistered(chosen)) {
      throw new AppError(
        'VALIDATION',
        `Number ${chosen.displayPhoneNumber} is not registered on the Cloud API yet`,
        {
          fields: [{ field: 'phoneNumberId', message: 'Not registered yet' }],
        },
      );
    }
    if (!chosen) {
      throw new AppError(
        'VALIDATION',
        wanted
          ? `No phone number ${wanted} in this business account`
          : 'The business account has no phone number',
        {
          fields: [{ field: 'phoneNumberId', message: 'Unknown phone number' }],
        },
      );
    }
    return chosen.id;
  }
}
