import { z } from 'zod';
import { graphId } from './response-schemas';

const templateButtonSchema = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  url: z.string().optional(),
  phone_number: z.string().optional(),
  example: z.unknown().optional(),
});

export const templateComponentSchema = z.looseObject({
  type: z.string(),
  format: z.string().optional(),
  text: z.string().optional(),
  example: z.record(z.string(), z.unknown()).optional(),
  buttons: z.array(templateButtonSchema).optional(),
});

export const messageTemplateSchema = z.looseObject({
  id: graphId,
  name: z.string(),
  language: z.string(),
  status: z.string(),
  category: z.string(),
  sub_category: z.string().optional(),
  parameter_format: z.string().optional(),
  rejected_reason: z.string().optional(),
  components: z.array(templateComponentSchema).default([]),
});

export const createdTemplateSchema = z.looseObject({
  id: graphId,
  status: z.string(),
  category: z.string(),
});
