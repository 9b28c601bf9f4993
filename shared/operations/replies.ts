import { z } from 'zod';
import { needs, operation } from './define';
import { idField } from './fields';
import { binding } from './campaigns';
import { autoReplyOutput, okOutput, quickReplyOutput } from '../outputs/replies';
import {
  AUTO_REPLY_MATCHES,
  AUTO_REPLY_SCHEDULES,
  WEEKDAYS,
  type AutoReplyDto,
  type AutoReplySettingsDto,
  type QuickReplyDto,
} from '../types/replies';

const shortcut = z
  .string()
  .trim()
  .toLowerCase()
  .transform((s) => s.replace(/^\//, ''))
  .pipe(z.string().regex(/^[a-z0-9_-]{1,30}$/, '1 to 30 letters, digits, - or _'));

const quickReplyFields = {
  shortcut,
  title: z.string().trim().max(80).default(''),
  text: z.string().trim().min(1, 'Required').max(4096),
  mediaId: idField.nullable().default(null),
};

const keywords = z
  .array(z.string().trim().min(1, 'Required').max(100))
  .min(1, 'Give at least one keyword')
  .max(20, 'At most 20 keywords');

const answer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string().trim().min(1, 'Required').max(4096) }).strict(),
  z
    .object({ kind: z.literal('media'), mediaId: idField, caption: z.string().max(1024).default('') })
    .strict(),
  z
    .object({
      kind: z.literal('template'),
      templateId: z.string().trim().min(1, 'Required'),
      variables: z.array(binding).default([]),
    })
    .strict(),
]);

const autoReplyFields = {
  name: z.string().trim().min(1, 'Required').max(80),
  phoneNumberId: z
    .string()
    .trim()
    .regex(/^\d{1,32}$/, 'A phone number id: digits only')
    .nullable()
    .default(null),
  match: z.enum(AUTO_REPLY_MATCHES).default('equals'),
  keywords,
  answer,
  schedule: z.enum(AUTO_REPLY_SCHEDULES).default('always'),
  enabled: z.boolean().default(true),
};

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time as HH:MM');
const range = z
  .object({ from: time, to: time })
  .strict()
  .refine((r) => r.from < r.to, { path: ['to'], message: 'Must be after the opening time' });

const openingHours = z.object(
  Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(range).max(4).default([])])) as Record<
    (typeof WEEKDAYS)[number],
    z.ZodDefault<z.ZodArray<typeof range>>
  >,
);

export const replyOperations = {
  'quickReplies.list': operation<QuickReplyDto[]>()({
    summary: 'Saved quick replies, by shortcut',
    output: z.array(quickReplyOutput),
    access: needs('replies.read'),
    input: z.object({ search: z.string().trim().max(100).optional() }).strict(),
  }),
  'quickReplies.create': operation<QuickReplyDto>()({
    summary: 'Save a quick reply with a /shortcut; {{name}}, {{first_name}} and attributes fill in',
    output: quickReplyOutput,
    access: needs('replies.write'),
    input: z.object(quickReplyFields).strict(),
  }),
  'quickReplies.update': operation<QuickReplyDto>()({
    summary: 'Edit a quick reply',
    output: quickReplyOutput,
    access: needs('replies.write'),
    input: z
      .object({
        id: idField,
        shortcut: shortcut.optional(),
        title: z.string().trim().max(80).optional(),
        text: z.string().trim().min(1, 'Required').max(4096).optional(),
        mediaId: idField.nullable().optional(),
      })
      .strict(),
  }),
  'quickReplies.delete': operation<{ ok: true }>()({
    summary: 'Delete a quick reply',
    output: okOutput,
    access: needs('replies.write'),
    input: z.object({ id: idField }).strict(),
  }),
  'autoReplies.list': operation<AutoReplyDto[]>()({
    summary: 'Keyword auto-reply rules, in the order they are tried',
    output: z.array(autoReplyOutput),
    access: needs('replies.read'),
    input: z.object({}).strict(),
  }),
  'autoReplies.create': operation<AutoReplyDto>()({
    summary: 'Add a keyword auto-reply rule (tried after the existing ones)',
    output: autoReplyOutput,
    access: needs('replies.write'),
    input: z.object(autoReplyFields).strict(),
  }),
  'autoReplies.update': operation<AutoReplyDto>()({
    summary: 'Edit a keyword auto-reply rule',
    output: autoReplyOutput,
    access: needs('replies.write'),
    input: z
      .object({
        id: idField,
        name: autoReplyFields.name.optional(),
        phoneNumberId: autoReplyFields.phoneNumberId.removeDefault().optional(),
        match: z.enum(AUTO_REPLY_MATCHES).optional(),
        keywords: keywords.optional(),
        answer: answer.optional(),
        schedule: z.enum(AUTO_REPLY_SCHEDULES).optional(),
        enabled: z.boolean().optional(),
        /** Move the rule to this place in the order (1 = tried first). */
        position: z.number().int().min(1).optional(),
      })
      .strict(),
  }),
  'autoReplies.delete': operation<{ ok: true }>()({
    summary: 'Delete a keyword auto-reply rule',
    output: okOutput,
    access: needs('replies.write'),
    input: z.object({ id: idField }).strict(),
  }),
  'autoReplies.settings': operation<AutoReplySettingsDto>()({
    summary: 'Opening hours and the quiet time between automatic replies to one customer',
    access: needs('replies.read'),
    input: z.object({}).strict(),
  }),
  'autoReplies.setSettings': operation<AutoReplySettingsDto>()({
    summary: 'Set the opening hours and the quiet time between automatic replies',
    access: needs('replies.write'),
    input: z
      .object({
        openingHours: openingHours.optional(),
        quietMinutes: z
          .number()
          .int()
          .min(1)
          .max(7 * 24 * 60)
          .optional(),
      })
      .strict(),
  }),
};
