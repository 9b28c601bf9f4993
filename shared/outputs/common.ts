import { z } from 'zod';
import type { Page } from '../types/contacts';

/**
 * Result schemas: what an operation answers, as zod. The token API's OpenAPI document is generated
 * from them, and tests check real answers against them. Each is typed against its DTO interface,
 * so a field added to one and not the other does not compile (missing) or fails those tests
 * (extra: the schemas are strict).
 */

/** An ISO 8601 instant, as every DTO carries dates. */
export const instant = z.iso.datetime({ offset: true });
export const instantOrNull = instant.nullable();

/** A page of items and where it is in the whole. */
export function pageOf<T>(item: z.ZodType<T>): z.ZodType<Page<T>> {
  return z
    .object({
      items: z.array(item),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
      estimated: z.literal(true).optional(),
      next: z.string().nullable().optional(),
    })
    .strict();
}

/** A field-level note (a warning beside a saved value, or a refusal). */
export const fieldNote = z.object({ field: z.string(), message: z.string() }).strict();
