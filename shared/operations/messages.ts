import { z } from 'zod';
import { messageDetailOutput, messageOutput } from '../outputs/messages';
import { needs, operation } from './define';
import { idField } from './fields';
import type { MessageDetailDto, MessageDto } from '../types/messages';

const template = z
  .object({
    name: z
      .string()
      .trim()
      .regex(/^[a-z0-9_]{1,512}$/, 'A template name: lower-case letters, digits and _'),
    language: z.string().trim().min(2).max(15).default('en_US'),
    /** Values for {{1}}, {{2}}… of the body, in order. */
    bodyParameters: z.array(z.string().max(1024)).max(50).default([]),
    /** Values for a text header's {{1}}. */
    headerParameters: z.array(z.string().max(60)).max(1).default([]),
  })
  .strict();

export const messageOperations = {
  'messages.send': operation<MessageDto>()({
    summary: 'Send a template, or a text inside the 24-hour customer service window',
    output: messageOutput,
    access: needs('conversations.reply'),
    input: z
      .object({
        /** A phone number, or the WhatsApp user id of a customer who hides their number. */
        to: z
          .string()
          .trim()
          .min(3, 'Required')
          .max(130)
          .describe('The phone number (E.164), or the WhatsApp user id (US.1349…) of a customer without one'),
        /** Which of the business's numbers sends it; the first one when left out. */
        phoneNumberId: z.string().trim().min(1).optional(),
        text: z.string().min(1).max(4096).optional(),
        template: template.optional(),
      })
      .strict()
      .refine((v) => (v.text === undefined) !== (v.template === undefined), {
        path: ['text'],
        message: 'Send either a text or a template',
      }),
  }),
  'messages.get': operation<MessageDetailDto>()({
    summary:
      'A message and how far it got: sent, delivered, read or failed with Meta’s reason, and every status WhatsApp reported',
    output: messageDetailOutput,
    access: needs('conversations.read_all'),
    input: z.object({ id: idField }).strict(),
  }),
};
