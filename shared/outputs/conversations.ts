import { z } from 'zod';
import {
  CONVERSATION_VIEWS,
  type ConversationDto,
  type ConversationPage,
  type ThreadContent,
  type ThreadMedia,
  type ThreadMessage,
  type ThreadPage,
} from '../types/conversations';
import { MEDIA_KINDS } from '../types/media';

/**
 * The inbox's answers as zod: the token API documents them from these (`output` of each routed
 * operation), and tests check real answers against them. Strict, and typed against the DTOs, so
 * the schema and the interface cannot drift apart.
 */
const instant = z.iso.datetime({ offset: true });
const instantOrNull = instant.nullable();
const id = z.number().int();
const messageStatus = z.enum([
  'queued',
  'sending',
  'unconfirmed',
  'sent',
  'delivered',
  'read',
  'failed',
  'received',
]);

export const conversationOutput = z
  .object({
    id,
    phoneNumberId: z.string(),
    contact: z
      .object({
        id,
        name: z.string(),
        phone: z.string().nullable(),
        username: z.string().nullable(),
        waId: z.string(),
        optedOut: z.boolean(),
        blocked: z.boolean(),
        tags: z.array(z.string()),
      })
      .strict(),
    status: z.enum(['open', 'resolved']),
    assignee: z.object({ id, name: z.string() }).strict().nullable(),
    unreadCount: z.number().int(),
    labels: z.array(z.string()),
    lastMessage: z
      .object({
        id,
        direction: z.enum(['in', 'out']),
        preview: z.string(),
        status: messageStatus,
        at: instant,
      })
      .strict()
      .nullable(),
    lastActivityAt: instant,
    lastInboundAt: instantOrNull.describe('When the customer last wrote; null when they never did'),
    window: z
      .object({ open: z.boolean(), closesAt: instantOrNull })
      .strict()
      .describe('The 24-hour customer service window: free-form messages only while open'),
    createdAt: instant,
    resolvedAt: instantOrNull,
    match: z
      .object({ messageId: id, text: z.string() })
      .strict()
      .nullable()
      .optional()
      .describe('Search only: the newest message that matched'),
  })
  .strict() satisfies z.ZodType<ConversationDto>;

export const conversationPageOutput = z
  .object({ items: z.array(conversationOutput), nextCursor: z.string().nullable() })
  .strict() satisfies z.ZodType<ConversationPage>;

const threadMedia = z
  .object({
    mediaId: id.nullable(),
    mimeType: z.string().nullable(),
    fileName: z.string().nullable(),
    sizeBytes: z.number().int().nullable(),
    caption: z.string().nullable(),
    voice: z.boolean(),
    unavailable: z.boolean(),
  })
  .strict() satisfies z.ZodType<ThreadMedia>;

const threadContent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string() }).strict(),
  z.object({ kind: z.literal('media'), type: z.enum(MEDIA_KINDS), media: threadMedia }).strict(),
  z
    .object({
      kind: z.literal('location'),
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().nullable(),
      address: z.string().nullable(),
      mapUrl: z.string(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('contacts'),
      contacts: z.array(
        z
          .object({
            name: z.string(),
            phones: z.array(
              z
                .object({ phone: z.string(), waId: z.string().nullable(), type: z.string().nullable() })
                .strict(),
            ),
            emails: z.array(z.string()),
            organization: z.string().nullable(),
          })
          .strict(),
      ),
    })
    .strict(),
  z.object({ kind: z.literal('button'), text: z.string(), payload: z.string().nullable() }).strict(),
  z
    .object({
      kind: z.literal('interactive'),
      reply: z.enum(['button_reply', 'list_reply']),
      id: z.string(),
      title: z.string(),
      description: z.string().nullable(),
    })
    .strict(),
  z
    .object({ kind: z.literal('reaction'), emoji: z.string().nullable(), toMessageId: id.nullable() })
    .strict(),
  z
    .object({
      kind: z.literal('template'),
      name: z.string(),
      language: z.string(),
      header: z.string().nullable(),
      body: z.string(),
      footer: z.string().nullable(),
      buttons: z.array(z.string()),
      media: threadMedia.nullable(),
    })
    .strict(),
  z.object({ kind: z.literal('unsupported'), reason: z.string() }).strict(),
  z.object({ kind: z.literal('system'), text: z.string() }).strict(),
]) satisfies z.ZodType<ThreadContent>;

const named = z.object({ id, name: z.string() }).strict();

export const threadMessageOutput = z
  .object({
    id,
    waMessageId: z.string().nullable(),
    direction: z.enum(['in', 'out']),
    type: z.string(),
    content: threadContent,
    status: messageStatus,
    error: z
      .object({
        code: z.number().int().nullable(),
        title: z.string().nullable(),
        details: z.string().nullable(),
      })
      .strict()
      .nullable(),
    createdAt: instant,
    sentAt: instantOrNull,
    deliveredAt: instantOrNull,
    readAt: instantOrNull,
    failedAt: instantOrNull,
    quoted: z
      .object({ id, direction: z.enum(['in', 'out']), preview: z.string() })
      .strict()
      .nullable(),
    quotesUnknown: z.boolean(),
    forwarded: z.boolean(),
    campaign: named.nullable(),
    sentBy: named.nullable(),
    autoReply: named.nullable(),
    editedAt: instantOrNull,
    deletedAt: instantOrNull,
    reaction: z.string().nullable(),
    retry: z.enum(['safe', 'confirm']).nullable(),
  })
  .strict() satisfies z.ZodType<ThreadMessage>;

export const threadPageOutput = z
  .object({ items: z.array(threadMessageOutput), olderCursor: id.nullable() })
  .strict() satisfies z.ZodType<ThreadPage>;

/** Views, for documentation. */
export const conversationViews = z.enum(CONVERSATION_VIEWS);
