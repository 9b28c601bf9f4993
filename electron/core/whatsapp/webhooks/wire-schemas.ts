import { z } from 'zod';
import type { RawObject, WebhookError } from './events';

/**
 * Building blocks for reading webhook JSON leniently: unknown keys pass, ids may be numbers,
 * timestamps may be strings (messages, statuses) or integers (`entry[].time`).
 */
export const idLike = z.union([z.string(), z.number()]).transform(String);
export const unixSeconds = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);
export const optionalString = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

export const rawObject = z.record(z.string(), z.unknown());

export const webhookErrorSchema = z.looseObject({
  code: z.union([
    z.number(),
    z
      .string()
      .regex(/^-?\d+$/)
      .transform(Number),
  ]),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.union([z.string(), z.looseObject({ details: z.string().optional() })]).optional(),
  href: z.string().optional(),
});

export function toWebhookError(error: z.output<typeof webhookErrorSchema>): WebhookError {
  const data = error.error_data;
  return {
    code: error.code,
    title: error.title ?? null,
    message: error.message ?? null,
    details: (typeof data === 'string' ? data : data?.details) ?? null,
    href: error.href ?? null,
  };
}

/** Reads `errors[]`, dropping entries without a usable code rather than the whole event. */
export function readErrors(value: unknown): WebhookError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const parsed = webhookErrorSchema.safeParse(item);
    return parsed.success ? [toWebhookError(parsed.data)] : [];
  });
}

export function isRawObject(value: unknown): value is RawObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
