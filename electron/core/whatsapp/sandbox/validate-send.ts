import { z } from 'zod';
import { graphErrors, type GraphErrorSpec } from './graph-errors';
import { checkInteractive } from './interactive-check';
import { recipientWaId } from './recipient';
import type { SandboxPhoneNumber, SandboxState } from './state';
import { checkTemplateSend, type QuickReply } from './template-send-check';
import type { TemplateRecord } from './template-store';

/** A send the sandbox will accept (limits and the 24-hour window are checked after this). */
export interface ValidSend {
  /** What the business named: `to`, or `recipient` (a user id) when there was no `to`. */
  to: string;
  waId: string;
  /** Set when the send named the customer by user id (`recipient`), as Meta's answer then does. */
  userId: string | null;
  type: string;
  template: TemplateRecord | null;
  /** What a simulated customer could tap in answer: template quick replies or reply buttons. */
  quickReplies: QuickReply[];
  bizOpaqueCallbackData: string | null;
  payload: Record<string, unknown>;
}

export type SendValidation = { ok: true; send: ValidSend } | { ok: false; error: GraphErrorSpec };

const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'];
const TYPES = [...MEDIA_TYPES, 'text', 'location', 'contacts', 'interactive', 'template', 'reaction'];

const envelopeSchema = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  recipient_type: z.enum(['individual']).optional(),
  // One of them: `recipient` is a business-scoped user id; Meta reads `to` first when both are there.
  to: z.string().min(1).optional(),
  recipient: z.string().min(1).optional(),
  // Graph's default type is text.
  type: z.string().default('text'),
  context: z.looseObject({ message_id: z.string().min(1) }).optional(),
  biz_opaque_callback_data: z.string().optional(),
});

const mediaSchema = z.looseObject({
  id: z.string().min(1).optional(),
  link: z.url().optional(),
  caption: z.string().max(1024).optional(),
  filename: z.string().optional(),
});

const contentSchemas: Record<string, z.ZodType> = {
  text: z.looseObject({ body: z.string().min(1).max(4096), preview_url: z.boolean().optional() }),
  location: z.looseObject({ latitude: z.number(), longitude: z.number() }),
  reaction: z.looseObject({ message_id: z.string().min(1), emoji: z.string() }),
};

/** Validates a `POST /messages` body as Graph does, naming the field at fault in `error_data.details`. */
export function validateSend(body: unknown, state: SandboxState, number: SandboxPhoneNumber): SendValidation {
  const fail = (error: GraphErrorSpec): SendValidation => ({ ok: false, error });
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) {
    const field = envelope.error.issues[0]?.path.join('.') || 'body';
    return fail(graphErrors.invalidParameter(`The parameter ${field} is required or not valid.`));
  }
  const { to, recipient, type, biz_opaque_callback_data: opaque } = envelope.data;
  const payload = envelope.data as Record<string, unknown>;
  if (!TYPES.includes(type)) return fail(graphErrors.invalidParameter(`type: ${type} is not a message type`));
  if (to === undefined && recipient === undefined)
    return fail(graphErrors.invalidParameter('The parameter to (or recipient) is required or not valid.'));
  const byUserId = to === undefined ? state.customerByUserId(recipient!) : undefined;
  if (to === undefined && !byUserId)
    return fail(graphErrors.invalidValue(`recipient: ${recipient} is not a WhatsApp user of this business`));
  const waId = byUserId ? byUserId.waId : recipientWaId(to!, number.displayPhoneNumber);
  if (!waId) return fail(graphErrors.invalidValue(`to: ${to} is not a phone number`));
  if (opaque !== undefined && Buffer.byteLength(opaque) > 512) {
    return fail(graphErrors.invalidValue('biz_opaque_callback_data: at most 512 bytes'));
  }
  const content = payload[type];
  if (content === undefined || content === null)
    return fail(graphErrors.missingParameter(`${type} is required`));

  const checked = checkContent(type, content, state);
  if ('error' in checked) return fail(checked.error);
  return {
    ok: true,
    send: {
      to: to ?? recipient!,
      waId,
      userId: byUserId?.userId ?? null,
      type,
      template: checked.template ?? null,
      quickReplies: checked.quickReplies ?? [],
      bizOpaqueCallbackData: opaque ?? null,
      payload,
    },
  };
}

type ContentCheck = { template?: TemplateRecord; quickReplies?: QuickReply[] } | { error: GraphErrorSpec };

function checkContent(type: string, content: unknown, state: SandboxState): ContentCheck {
  if (MEDIA_TYPES.includes(type)) return checkMedia(type, content, state);
  if (type === 'template') {
    const result = checkTemplateSend(state.templates, content);
    return result.ok
      ? { template: result.template, quickReplies: result.quickReplies }
      : { error: result.error };
  }
  if (type === 'interactive') return checkInteractive(content);
  if (type === 'contacts') {
    return Array.isArray(content) && content.length > 0
      ? {}
      : { error: graphErrors.invalidValue('contacts: a non-empty array is required') };
  }
  const schema = contentSchemas[type];
  const parsed = schema?.safeParse(content);
  if (parsed && !parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      error: graphErrors.invalidValue(`${type}.${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`),
    };
  }
  return {};
}

function checkMedia(type: string, content: unknown, state: SandboxState): ContentCheck {
  const parsed = mediaSchema.safeParse(content);
  if (!parsed.success)
    return { error: graphErrors.invalidValue(`${type}: ${parsed.error.issues[0]?.message ?? ''}`) };
  const media = parsed.data;
  if ((media.id === undefined) === (media.link === undefined)) {
    return { error: graphErrors.invalidValue(`${type}: exactly one of id or link is required`) };
  }
  if ((type === 'audio' || type === 'sticker') && media.caption !== undefined) {
    return { error: graphErrors.invalidValue(`${type}: ${type} takes no caption`) };
  }
  if (media.id !== undefined && !state.media.has(media.id)) {
    return { error: graphErrors.invalidValue(`${type}.id: no media with id ${media.id}`) };
  }
  return {};
}
