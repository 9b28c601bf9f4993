import { z } from 'zod';
import type { TemplateDto } from '../types/templates';
import { instant, instantOrNull } from './common';

/** Meta's component as Meta sends it: the fields the app reads, and whatever else Meta adds. */
const component = z.looseObject({
  type: z.string(),
  format: z.string().optional(),
  text: z.string().optional(),
  buttons: z
    .array(
      z.looseObject({
        type: z.string(),
        text: z.string().optional(),
        url: z.string().optional(),
        phone_number: z.string().optional(),
      }),
    )
    .optional(),
  example: z.record(z.string(), z.unknown()).optional(),
});

export const templateOutput = z
  .object({
    id: z.string(),
    name: z.string(),
    language: z.string(),
    category: z.string(),
    status: z.string(),
    parameterFormat: z.string().describe('POSITIONAL or NAMED'),
    components: z.array(component),
    rejectedReason: z.string().nullable(),
    qualityScore: z.string().nullable().describe('GREEN, YELLOW, RED or UNKNOWN, as WhatsApp last rated it'),
    qualityUpdatedAt: instantOrNull,
    statusReason: z.string().nullable().describe('Why WhatsApp paused, disabled or flagged it'),
    previousCategory: z.string().nullable().describe('The category before WhatsApp changed it'),
    variables: z.object({ header: z.array(z.string()), body: z.array(z.string()) }).strict(),
    mediaHeader: z.string().nullable().describe('IMAGE, VIDEO or DOCUMENT when the header is media'),
    updatedAt: instant,
  })
  .strict() satisfies z.ZodType<TemplateDto>;
