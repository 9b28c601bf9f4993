import { z } from 'zod';

/**
 * Lenient readers for Graph's answers: unknown fields pass, ids may be numbers (template ids are, in
 * some payloads) and are turned into strings, as the reference says all ids are.
 */
export const graphId = z.union([z.string(), z.number()]).transform(String);

export const successSchema = z.looseObject({ success: z.boolean() });

const sentMessage = z.looseObject({ id: z.string(), message_status: z.string().optional() });

export const sendResponseSchema = z.looseObject({
  messaging_product: z.string().optional(),
  contacts: z.array(z.looseObject({ input: z.string().optional(), wa_id: z.string().optional() })).optional(),
  // At least one message: a tuple with a rest element types `messages[0]` as present.
  messages: z.tuple([sentMessage], sentMessage),
});

export const pagingSchema = z
  .looseObject({
    cursors: z.looseObject({ before: z.string().optional(), after: z.string().optional() }).optional(),
    next: z.string().optional(),
    previous: z.string().optional(),
  })
  .optional();

/** One page of a Graph list; `item` reads each element of `data`. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({ data: z.array(item), paging: pagingSchema });
}
