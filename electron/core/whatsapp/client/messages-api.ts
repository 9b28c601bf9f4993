import { isBusinessUserId } from '@shared/customer-id';
import type { GraphTransport } from './graph-transport';
import { sendResponseSchema, successSchema } from './response-schemas';
import type {
  AudioMedia,
  DocumentMedia,
  ImageMedia,
  InteractiveButtons,
  InteractiveList,
  LocationContent,
  OutboundMessage,
  SendOptions,
  SendResult,
  StickerMedia,
  TemplateContent,
  VideoMedia,
} from './types/messages';

/** Sending messages and read receipts: `POST /{phone-number-id}/messages`. */
export class MessagesApi {
  constructor(private readonly transport: GraphTransport) {}

  /**
   * Sends any message type. A result means accepted by Meta, not delivered: statuses come by webhook.
   * `to` should be E.164 with its `+`: without it Meta puts the business number's country code in front.
   * A business-scoped user id (a customer who hides their number) goes in `recipient` instead, with
   * no `to`: Meta reads `to` first when both are there (reference §10).
   */
  async send(
    phoneNumberId: string,
    to: string,
    message: OutboundMessage,
    options: SendOptions = {},
  ): Promise<SendResult> {
    const payload = {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      ...(isBusinessUserId(to) ? { recipient: to } : { to }),
      ...message,
      ...(options.replyTo ? { context: { message_id: options.replyTo } } : {}),
      ...(options.bizOpaqueCallbackData !== undefined
        ? { biz_opaque_callback_data: options.bizOpaqueCallbackData }
        : {}),
      ...(options.recipientIdentityKeyHash
        ? { recipient_identity_key_hash: options.recipientIdentityKeyHash }
        : {}),
    };
    const answer = await this.transport.json(
      { method: 'POST', target: `${encodeURIComponent(phoneNumberId)}/messages`, json: payload },
      sendResponseSchema,
    );
    const [sent] = answer.messages;
    const contact = answer.contacts?.[0];
    return {
      wamid: sent.id,
      waId: contact?.wa_id ?? null,
      input: contact?.input ?? null,
      messageStatus: sent.message_status ?? null,
    };
  }

  sendText(
    phoneNumberId: string,
    to: string,
    body: string,
    options: SendOptions & { previewUrl?: boolean } = {},
  ): Promise<SendResult> {
    const text = options.previewUrl === undefined ? { body } : { body, preview_url: options.previewUrl };
    return this.send(phoneNumberId, to, { type: 'text', text }, options);
  }

  sendTemplate(phoneNumberId: string, to: string, template: TemplateContent, options?: SendOptions) {
    return this.send(phoneNumberId, to, { type: 'template', template }, options);
  }

  sendImage(phoneNumberId: string, to: string, image: ImageMedia, options?: SendOptions) {
    return this.send(phoneNumberId, to, { type: 'image', image }, options);
  }

  sendVideo(phoneNumberId: string, to: string, video: VideoMedia, options?: SendOptions) {
    return this.send(phoneNumberId, to, { type: 'video', video }, options);
  }

  sendAudio(phoneNumberId: string, to: string, audio: AudioMedia, options?: SendOptions) {
    return this.send(phoneNumberId, to, { type: 'audio', audio }, options);
  }

  sendDocument(phoneNumberId: string, to: string, document: DocumentMedia, options?: SendOptions) {
    return this.send(phoneNumberId, to, { type: 'document', document }, options);
  }

  sendSticker(phoneNumberId: string, to: string, sticker: StickerMedia, options?: SendOptions) {
    return this.send(phoneNumberId, to, { type: 'sticker', sticker }, options);
  }

  sendLocation(phoneNumberId: string, to: string, location: LocationContent, options?: SendOptions) {
    return this.send(phoneNumberId, to, { type: 'location', location }, options);
  }

  sendButtons(
    phoneNumberId: string,
    to: string,
    buttons: Omit<InteractiveButtons, 'type'>,
    options?: SendOptions,
  ) {
    const interactive: InteractiveButtons = { type: 'button', ...buttons };
    return this.send(phoneNumberId, to, { type: 'interactive', interactive }, options);
  }

  sendList(phoneNumberId: string, to: string, list: Omit<InteractiveList, 'type'>, options?: SendOptions) {
    const interactive: InteractiveList = { type: 'list', ...list };
    return this.send(phoneNumberId, to, { type: 'interactive', interactive }, options);
  }

  /** Reacts to a message; an empty `emoji` removes the reaction. */
  sendReaction(phoneNumberId: string, to: string, messageId: string, emoji: string, options?: SendOptions) {
    return this.send(
      phoneNumberId,
      to,
      { type: 'reaction', reaction: { message_id: messageId, emoji } },
      options,
    );
  }

  /** Marks an inbound message (and those before it) as read; optionally shows "typing…" to the customer. */
  async markAsRead(
    phoneNumberId: string,
    messageId: string,
    options: { typingIndicator?: boolean } = {},
  ): Promise<boolean> {
    const answer = await this.transport.json(
      {
        method: 'POST',
        target: `${encodeURIComponent(phoneNumberId)}/messages`,
        json: {
          messaging_product: 'whatsapp',
          status: 'read',
          message_id: messageId,
          ...(options.typingIndicator ? { typing_indicator: { type: 'text' } } : {}),
        },
      },
      successSchema,
    );
    return answer.success;
  }
}
