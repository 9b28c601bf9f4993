import { z } from 'zod';

/**
 * Graph's error envelope (reference §1), read leniently: every field but the object itself is optional,
 * `error_data` may be an object or a plain string, and codes may arrive as numeric strings.
 */
const numeric = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

const errorData = z.union([
  z.string(),
  z.looseObject({ details: z.string().optional(), messaging_product: z.string().optional() }),
]);

const graphErrorSchema = z.looseObject({
  message: z.string().optional(),
  type: z.string().optional(),
  code: numeric.optional(),
  error_subcode: numeric.optional(),
  error_data: errorData.optional(),
  fbtrace_id: z.string().optional(),
  is_transient: z.boolean().optional(),
  error_user_title: z.string().optional(),
  error_user_msg: z.string().optional(),
});

const envelopeSchema = z.looseObject({ error: graphErrorSchema });

export interface GraphErrorBody {
  code: number | null;
  subcode?: number;
  title: string;
  metaMessage?: string;
  type?: string;
  details?: string;
  fbtraceId?: string;
  isTransient?: boolean;
  userTitle?: string;
  userMessage?: string;
}

/** `(#130429) Rate limit hit` → `Rate limit hit`; Meta puts the code in front of every title. */
export function titleFromMetaMessage(message: string): string {
  return message.replace(/^\(#-?\d+\)\s*/, '');
}

/** The error in a Graph answer body, or null when the body is not an error envelope. */
export function readGraphErrorEnvelope(body: unknown): GraphErrorBody | null {
  const parsed = envelopeSchema.safeParse(body);
  if (!parsed.success) return null;
  const error = parsed.data.error;
  const data = error.error_data;
  return {
    code: error.code ?? null,
    subcode: error.error_subcode,
    title: error.message ? titleFromMetaMessage(error.message) : 'Unknown error',
    metaMessage: error.message,
    type: error.type,
    details: typeof data === 'string' ? data : data?.details,
    fbtraceId: error.fbtrace_id,
    isTransient: error.is_transient,
    userTitle: error.error_user_title,
    userMessage: error.error_user_msg,
  };
}
