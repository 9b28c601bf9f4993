import { z } from 'zod';
import type { SandboxContext } from './context';
import { storeMedia } from './media-store';
import { SAMPLE_MEDIA } from './media-types';
import { newIds } from './random';
import { remember, type Customer, type SandboxPhoneNumber } from './state';
import { inboundPayload } from './webhook-payloads';

/** Words that opt a customer out of marketing, and back in (matched on the whole message). */
const OPT_OUT = ['stop', 'unsubscribe', 'stop promotions'];
const OPT_IN = ['start', 'subscribe'];

const common = {
  /** Which business number the customer writes to; the first one by default. */
  phoneNumberId: z.string().optional(),
  /** Profile name shown in `contacts[]`. */
  profileName: z.string().min(1).optional(),
  /** Quote one of our messages (a reply), as `context.id`. */
  contextMessageId: z.string().optional(),
  forwarded: z.boolean().optional(),
  /**
   * When the customer wrote (ISO 8601), e.g. 25 hours ago to test a closed window: the message's
   * timestamp and the start of its 24-hour window. Now by default.
   */
  at: z.iso.datetime({ offset: true }).optional(),
};

/** What a simulated customer can send (POST /_sandbox/customers/:waId/messages). */
export const customerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string().min(1), ...common }),
  z.object({ type: z.literal('button'), text: z.string().min(1), payload: z.string().optional(), ...common }),
  z.object({
    type: z.literal('interactive'),
    reply: z.object({
      kind: z.enum(['button_reply', 'list_reply']),
      id: z.string().min(1),
      title: z.string().min(1),
      description: z.string().optional(),
    }),
    ...common,
  }),
  z.object({
    type: z.enum(['image', 'video', 'audio', 'document', 'sticker']),
    caption: z.string().optional(),
    ...common,
  }),
  z.object({ type: z.literal('reaction'), messageId: z.string().min(1), emoji: z.string(), ...common }),
  z.object({
    type: z.literal('contacts'),
    contacts: z
      .array(z.object({ name: z.string().min(1), phone: z.string().min(3), company: z.string().optional() }))
      .min(1)
      .default([{ name: 'Lucía Gómez', phone: '+1 (983) 555-2319' }]),
    ...common,
  }),
  /** The customer edits an earlier message of theirs (text, or a media caption). */
  z.object({ type: z.literal('edit'), messageId: z.string().min(1), text: z.string().min(1), ...common }),
  /** The customer deletes an earlier message of theirs for everyone. */
  z.object({ type: z.literal('revoke'), messageId: z.string().min(1), ...common }),
  /** A message type Cloud API cannot pass on (a poll, a view-once photo…): Meta sends `unsupported`. */
  z.object({ type: z.literal('unsupported'), unsupportedType: z.string().default('poll'), ...common }),
  z.object({
    type: z.literal('location'),
    latitude: z.number(),
    longitude: z.number(),
    name: z.string().optional(),
    address: z.string().optional(),
    ...common,
  }),
]);

export type CustomerMessage = z.input<typeof customerMessageSchema>;

export type InboundResult = { ok: true; id: string; mediaId: string | null } | { ok: false; error: string };

/**
 * A simulated customer writes to the business: the message is stored, the 24-hour window reopens,
 * STOP/START change the marketing opt-out, and a signed `messages` webhook goes to the callback.
 */
export function receiveFromCustomer(
  ctx: SandboxContext,
  /** The customer's WhatsApp id, or the user id of one who hides their number. */
  key: string,
  input: CustomerMessage,
): InboundResult {
  const message = customerMessageSchema.parse(input);
  const number = message.phoneNumberId
    ? ctx.state.phoneNumbers.get(message.phoneNumberId)
    : ctx.state.phoneNumbers.values().next().value;
  if (!number) return { ok: false, error: `No business phone number ${message.phoneNumberId ?? ''}` };
  if (!number.registration.registered) {
    return { ok: false, error: `${number.displayPhoneNumber} is not registered on the Cloud API yet` };
  }
  if (!/^\d{7,15}$/.test(key) && !ctx.state.customerByUserId(key)) {
    return { ok: false, error: `${key} is not a WhatsApp id (7 to 15 digits) or a known user id` };
  }
  const customer = ctx.state.customerByUserId(key) ?? ctx.state.customer(key, message.profileName);
  const waId = customer.waId;
  if (!customer.onWhatsApp) return { ok: false, error: `${waId} is not on WhatsApp, so it cannot write` };
  if (message.profileName) customer.name = message.profileName;

  const id = newIds.wamid();
  const now = message.at ? Date.parse(message.at) : ctx.clock.now();
  if (now > (customer.lastInboundAt.get(number.id) ?? 0)) customer.lastInboundAt.set(number.id, now);
  remember(ctx.state.inbound, id, {
    id,
    phoneNumberId: number.id,
    from: waId,
    type: message.type,
    receivedAt: now,
    read: false,
    typingAt: null,
  });
  updateOptOut(customer, message);

  if (message.type === 'edit' || message.type === 'revoke') {
    const original = ctx.state.inbound.get(message.messageId);
    if (!original || original.from !== waId) {
      return {
        ok: false,
        error: `${message.messageId} is not a message ${waId} sent, so they cannot change it`,
      };
    }
  }
  const { body, mediaId } = messageBody(ctx, number, message);
  const context = {
    ...(message.contextMessageId ? { from: number.displayPhoneNumber, id: message.contextMessageId } : {}),
    ...(message.forwarded ? { forwarded: true } : {}),
  };
  ctx.webhooks.send(
    inboundPayload({
      wabaId: ctx.state.business.id,
      number,
      customer,
      message: {
        id,
        timestamp: String(Math.floor(now / 1000)),
        type: message.type,
        ...(Object.keys(context).length > 0 ? { context } : {}),
        ...body,
      },
    }),
    `message:${message.type} ${id}`,
  );
  return { ok: true, id, mediaId };
}

function updateOptOut(customer: Customer, message: z.output<typeof customerMessageSchema>): void {
  const said =
    message.type === 'text'
      ? message.text
      : message.type === 'button'
        ? (message.payload ?? message.text)
        : null;
  const word = said?.trim().toLowerCase() ?? '';
  if (OPT_OUT.includes(word)) customer.optedOut = true;
  if (OPT_IN.includes(word)) customer.optedOut = false;
}

function messageBody(
  ctx: SandboxContext,
  number: SandboxPhoneNumber,
  message: z.output<typeof customerMessageSchema>,
): { body: Record<string, unknown>; mediaId: string | null } {
  switch (message.type) {
    case 'text':
      return { body: { text: { body: message.text } }, mediaId: null };
    case 'button':
      return {
        body: { button: { payload: message.payload ?? message.text, text: message.text } },
        mediaId: null,
      };
    case 'interactive': {
      const { kind, ...reply } = message.reply;
      return { body: { interactive: { type: kind, [kind]: reply } }, mediaId: null };
    }
    case 'reaction':
      return { body: { reaction: { message_id: message.messageId, emoji: message.emoji } }, mediaId: null };
    case 'contacts':
      return {
        body: {
          contacts: message.contacts.map((c) => ({
            name: { formatted_name: c.name, first_name: c.name.split(' ')[0] },
            phones: [{ phone: c.phone, wa_id: c.phone.replace(/\D/g, ''), type: 'MOBILE' }],
            ...(c.company ? { org: { company: c.company } } : {}),
          })),
        },
        mediaId: null,
      };
    case 'edit':
      return {
        body: {
          edit: {
            original_message_id: message.messageId,
            message: { type: 'text', text: { body: message.text } },
          },
        },
        mediaId: null,
      };
    case 'revoke':
      return { body: { revoke: { original_message_id: message.messageId } }, mediaId: null };
    case 'unsupported':
      return {
        body: {
          errors: [
            {
              code: 131051,
              title: 'Message type unknown',
              message: 'Message type unknown',
              error_data: { details: 'Message type is currently not supported.' },
            },
          ],
          unsupported: { type: message.unsupportedType },
        },
        mediaId: null,
      };
    case 'location': {
      const { latitude, longitude, name, address } = message;
      return { body: { location: { latitude, longitude, name, address } }, mediaId: null };
    }
    default: {
      const sample = SAMPLE_MEDIA[message.type];
      const record = storeMedia(ctx, { phoneNumberId: number.id, ...sample });
      const media: Record<string, unknown> = {
        id: record.id,
        mime_type: sample.mimeType,
        sha256: record.sha256,
      };
      if (message.caption !== undefined && message.type !== 'audio' && message.type !== 'sticker') {
        media.caption = message.caption;
      }
      if (message.type === 'document') media.filename = sample.filename;
      if (message.type === 'audio') media.voice = true;
      if (message.type === 'sticker') media.animated = false;
      return { body: { [message.type]: media }, mediaId: record.id };
    }
  }
}
