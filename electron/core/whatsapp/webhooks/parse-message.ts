import { z } from 'zod';
import {
  INBOUND_MEDIA_TYPES,
  type EditedContent,
  type InboundContent,
  type InboundMediaType,
  type InboundMessage,
  type MessageContext,
  type Referral,
} from './events';
import { idLike, optionalString, rawObject, readErrors, unixSeconds } from './wire-schemas';

const messageItemSchema = z.looseObject({
  // Either may be missing (a customer who hides their number has only a user id), never both.
  from: optionalString,
  from_user_id: optionalString,
  id: z.string(),
  timestamp: unixSeconds,
  type: z.string(),
  context: rawObject.optional(),
  referral: rawObject.optional(),
});

const mediaSchema = z.looseObject({
  id: idLike,
  mime_type: optionalString,
  sha256: optionalString,
  caption: optionalString,
  filename: optionalString,
  url: optionalString,
  voice: z.boolean().optional(),
  animated: z.boolean().optional(),
});

const contentSchemas = {
  text: z.looseObject({ text: z.looseObject({ body: z.string() }) }),
  location: z.looseObject({
    location: z.looseObject({
      latitude: z.coerce.number(),
      longitude: z.coerce.number(),
      name: optionalString,
      address: optionalString,
      url: optionalString,
    }),
  }),
  contacts: z.looseObject({ contacts: z.array(rawObject) }),
  button: z.looseObject({ button: z.looseObject({ payload: optionalString, text: z.string() }) }),
  interactive: z.looseObject({ interactive: z.looseObject({ type: z.string() }).and(rawObject) }),
  interactiveReply: z.looseObject({ id: z.string(), title: z.string(), description: optionalString }),
  reaction: z.looseObject({
    reaction: z.looseObject({ message_id: z.string(), emoji: z.string().nullish() }),
  }),
  unsupported: z.looseObject({ unsupported: z.looseObject({ type: optionalString }).optional() }),
  edit: z.looseObject({
    edit: z.looseObject({ original_message_id: z.string(), message: rawObject.optional() }),
  }),
  revoke: z.looseObject({ revoke: z.looseObject({ original_message_id: z.string() }) }),
  system: z.looseObject({
    system: z.looseObject({
      body: optionalString,
      type: optionalString,
      new_wa_id: optionalString,
      wa_id: optionalString,
      new_user_id: optionalString,
      user_id: optionalString,
    }),
  }),
};

/** One `messages[]` item; null when its shape is not what its `type` promises (kept raw by the caller). */
export function parseInboundMessage(item: unknown): InboundMessage | null {
  const common = messageItemSchema.safeParse(item);
  if (!common.success || (!common.data.from && !common.data.from_user_id)) return null;
  const raw = item as Record<string, unknown>;
  const content = readContent(common.data.type, raw);
  if (!content) return null;
  return {
    ...content,
    id: common.data.id,
    from: common.data.from,
    fromUserId: common.data.from_user_id,
    timestamp: common.data.timestamp,
    context: common.data.context ? readContext(common.data.context) : null,
    referral: common.data.referral ? readReferral(common.data.referral) : null,
    raw,
  };
}

function readContent(type: string, item: Record<string, unknown>): InboundContent | null {
  if ((INBOUND_MEDIA_TYPES as readonly string[]).includes(type))
    return readMedia(type as InboundMediaType, item);
  switch (type) {
    case 'text': {
      const parsed = contentSchemas.text.safeParse(item);
      return parsed.success ? { type, text: parsed.data.text.body } : null;
    }
    case 'location': {
      const parsed = contentSchemas.location.safeParse(item);
      if (!parsed.success) return null;
      const { latitude, longitude, name, address, url } = parsed.data.location;
      return { type, location: { latitude, longitude, name, address, url } };
    }
    case 'contacts': {
      const parsed = contentSchemas.contacts.safeParse(item);
      return parsed.success ? { type, contacts: parsed.data.contacts } : null;
    }
    case 'button': {
      const parsed = contentSchemas.button.safeParse(item);
      if (!parsed.success) return null;
      const { payload, text } = parsed.data.button;
      return { type, button: { payload, text } };
    }
    case 'interactive':
      return readInteractive(item);
    case 'reaction': {
      const parsed = contentSchemas.reaction.safeParse(item);
      if (!parsed.success) return null;
      const { message_id, emoji } = parsed.data.reaction;
      return { type, reaction: { messageId: message_id, emoji: emoji ? emoji : null } };
    }
    case 'edit': {
      const parsed = contentSchemas.edit.safeParse(item);
      if (!parsed.success) return null;
      const inner = parsed.data.edit.message;
      const innerType = typeof inner?.type === 'string' ? inner.type : null;
      const content = inner && innerType ? readContent(innerType, inner) : null;
      const edited =
        content &&
        (content.type === 'text' || (INBOUND_MEDIA_TYPES as readonly string[]).includes(content.type))
          ? (content as EditedContent)
          : null;
      return { type, edit: { originalMessageId: parsed.data.edit.original_message_id, message: edited } };
    }
    case 'revoke': {
      const parsed = contentSchemas.revoke.safeParse(item);
      if (!parsed.success) return null;
      return { type, revoke: { originalMessageId: parsed.data.revoke.original_message_id } };
    }
    case 'unsupported': {
      const parsed = contentSchemas.unsupported.safeParse(item);
      const unsupportedType = parsed.success ? (parsed.data.unsupported?.type ?? null) : null;
      return { type, errors: readErrors(item.errors), unsupportedType };
    }
    case 'system': {
      const parsed = contentSchemas.system.safeParse(item);
      if (!parsed.success) return null;
      const { body, type: kind, new_wa_id, wa_id, new_user_id, user_id } = parsed.data.system;
      const userChange = kind === 'user_changed_user_id';
      return {
        type,
        system: {
          body,
          kind,
          newWaId: userChange ? null : (new_wa_id ?? wa_id),
          newUserId: userChange ? (new_user_id ?? user_id) : null,
        },
      };
    }
    default:
      return { type: 'other', originalType: type };
  }
}

function readMedia(type: InboundMediaType, item: Record<string, unknown>): InboundContent | null {
  const parsed = mediaSchema.safeParse(item[type]);
  if (!parsed.success) return null;
  const media = parsed.data;
  return {
    type,
    media: {
      id: media.id,
      mimeType: media.mime_type,
      sha256: media.sha256,
      caption: media.caption,
      filename: media.filename,
      url: media.url,
      voice: media.voice ?? null,
      animated: media.animated ?? null,
    },
  };
}

/** Button and list replies are modelled; flows (`nfm_reply`) and others stay raw as `other`. */
function readInteractive(item: Record<string, unknown>): InboundContent | null {
  const parsed = contentSchemas.interactive.safeParse(item);
  if (!parsed.success) return null;
  const kind = parsed.data.interactive.type;
  if (kind !== 'button_reply' && kind !== 'list_reply')
    return { type: 'other', originalType: `interactive.${kind}` };
  const reply = contentSchemas.interactiveReply.safeParse(parsed.data.interactive[kind]);
  if (!reply.success) return null;
  const { id, title, description } = reply.data;
  return { type: 'interactive', reply: { kind, id, title, description } };
}

function readContext(context: Record<string, unknown>): MessageContext {
  const text = (key: string) => (typeof context[key] === 'string' ? (context[key] as string) : null);
  const product = context.referred_product;
  return {
    id: text('id'),
    from: text('from'),
    forwarded: context.forwarded === true,
    frequentlyForwarded: context.frequently_forwarded === true,
    referredProduct: product && typeof product === 'object' ? (product as Record<string, unknown>) : null,
  };
}

function readReferral(referral: Record<string, unknown>): Referral {
  const text = (key: string) => (typeof referral[key] === 'string' ? (referral[key] as string) : null);
  return {
    sourceUrl: text('source_url'),
    sourceId: text('source_id'),
    sourceType: text('source_type'),
    headline: text('headline'),
    body: text('body'),
    raw: referral,
  };
}
