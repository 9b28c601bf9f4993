import { z } from 'zod';
import { templateOutput } from '../outputs/templates';
import { needs, operation } from './define';
import type { TemplateDto } from '../types/templates';

const placeholderText = (max: number) => z.string().trim().min(1, 'Required').max(max);

const button = z.discriminatedUnion('type', [
  z.object({ type: z.literal('QUICK_REPLY'), text: z.string().trim().min(1).max(25) }).strict(),
  z.object({ type: z.literal('URL'), text: z.string().trim().min(1).max(25), url: z.url() }).strict(),
  z
    .object({
      type: z.literal('PHONE_NUMBER'),
      text: z.string().trim().min(1).max(25),
      phoneNumber: z.string().trim().min(5).max(20),
    })
    .strict(),
]);

export const templateOperations = {
  'templates.list': operation<TemplateDto[]>()({
    summary: 'Templates of the business account, filtered by status, category, language or name',
    output: z.array(templateOutput),
    access: needs('templates.read'),
    input: z
      .object({
        status: z.string().trim().toUpperCase().optional(),
        category: z.enum(['MARKETING', 'UTILITY', 'AUTHENTICATION']).optional(),
        language: z.string().trim().optional(),
        search: z.string().trim().max(100).optional(),
      })
      .strict(),
  }),
  'templates.sync': operation<{ synced: number; removed: number }>()({
    summary: 'Read every template (all pages) from the business account',
    access: needs('templates.read'),
    input: z.object({}).strict(),
  }),
  'templates.create': operation<TemplateDto>()({
    summary: 'Submit a template for Meta’s review; it starts PENDING and its status follows by webhook',
    access: needs('templates.write'),
    input: z
      .object({
        name: z
          .string()
          .trim()
          .regex(/^[a-z0-9_]{1,512}$/, 'Lower-case letters, digits and _ only'),
        language: z.string().trim().min(2).max(15).default('en_US'),
        category: z.enum(['MARKETING', 'UTILITY', 'AUTHENTICATION']),
        headerText: placeholderText(60).optional(),
        /** Example values for the header's and the body's {{1}}, {{2}}…, as Meta's review asks. */
        headerExample: z.string().trim().max(60).optional(),
        body: placeholderText(1024),
        bodyExamples: z.array(z.string().trim().min(1, 'Give an example value').max(200)).default([]),
        footer: z.string().trim().max(60).optional(),
        buttons: z.array(button).max(10).default([]),
      })
      .strict(),
  }),
  'templates.delete': operation<{ ok: true }>()({
    summary: 'Delete a template at Meta and here',
    access: needs('templates.write'),
    input: z.object({ id: z.string().min(1) }).strict(),
  }),
};
