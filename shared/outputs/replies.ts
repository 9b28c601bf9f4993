import { z } from 'zod';
import {
  AUTO_REPLY_MATCHES,
  AUTO_REPLY_SCHEDULES,
  type AutoReplyDto,
  type QuickReplyDto,
} from '../types/replies';
import { MEDIA_KINDS } from '../types/media';

/** Quick and keyword replies as zod (see conversations.ts beside this file). */
const instant = z.iso.datetime({ offset: true });
const id = z.number().int();

export const quickReplyOutput = z
  .object({
    id,
    shortcut: z.string(),
    title: z.string(),
    text: z.string(),
    media: z
      .object({ id, fileName: z.string(), kind: z.enum(MEDIA_KINDS) })
      .strict()
      .nullable(),
    createdAt: instant,
    updatedAt: instant,
  })
  .strict() satisfies z.ZodType<QuickReplyDto>;

const binding = z
  .object({
    component: z.enum(['header', 'body']),
    placeholder: z.string(),
    source: z.enum(['fixed', 'name', 'phone', 'email', 'attribute']),
    value: z.string(),
    fallback: z.string(),
  })
  .strict();

export const autoReplyOutput = z
  .object({
    id,
    name: z.string(),
    phoneNumberId: z.string().nullable(),
    match: z.enum(AUTO_REPLY_MATCHES),
    keywords: z.array(z.string()),
    answer: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('text'), text: z.string() }).strict(),
      z.object({ kind: z.literal('media'), mediaId: id, caption: z.string() }).strict(),
      z.object({ kind: z.literal('template'), templateId: z.string(), variables: z.array(binding) }).strict(),
    ]),
    schedule: z.enum(AUTO_REPLY_SCHEDULES),
    enabled: z.boolean(),
    position: z.number().int(),
    sentCount: z.number().int(),
    lastSentAt: instant.nullable(),
    createdAt: instant,
    updatedAt: instant,
  })
  .strict() satisfies z.ZodType<AutoReplyDto>;

export const okOutput = z.object({ ok: z.literal(true) }).strict();
