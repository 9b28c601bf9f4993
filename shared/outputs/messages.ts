import { z } from 'zod';
import type { MessageDetailDto, MessageDto } from '../types/messages';
import { instant, instantOrNull } from './common';

const messageError = z
  .object({ code: z.number().int().nullable(), title: z.string().nullable(), details: z.string().nullable() })
  .strict();

export const messageOutput = z
  .object({
    id: z.number().int(),
    waMessageId: z.string().nullable(),
    direction: z.enum(['in', 'out']),
    phoneNumberId: z.string(),
    waId: z.string(),
    contactId: z.number().int().nullable(),
    conversationId: z.number().int().nullable(),
    type: z.string(),
    text: z.string().nullable(),
    status: z.enum(['queued', 'sending', 'unconfirmed', 'sent', 'delivered', 'read', 'failed', 'received']),
    error: messageError.nullable().describe('Why it failed; set only when the status is failed'),
    createdAt: instant,
    sentAt: instantOrNull,
    deliveredAt: instantOrNull,
    readAt: instantOrNull,
    failedAt: instantOrNull,
  })
  .strict() satisfies z.ZodType<MessageDto>;

export const messageDetailOutput = messageOutput
  .extend({
    statusHistory: z
      .array(
        z
          .object({
            status: z.enum(['sent', 'delivered', 'read', 'failed']),
            at: instant,
            pricing: z
              .object({ category: z.string(), type: z.string().nullable(), billable: z.boolean().nullable() })
              .strict()
              .nullable()
              .describe('Meta’s pricing category and type, as this status gave them'),
            error: messageError.nullable(),
          })
          .strict(),
      )
      .describe('Every status WhatsApp reported, oldest first; a failure after delivery is only here'),
  })
  .strict() satisfies z.ZodType<MessageDetailDto>;
