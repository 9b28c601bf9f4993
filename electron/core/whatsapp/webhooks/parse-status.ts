import { z } from 'zod';
import { DELIVERY_STATUSES, type StatusUpdate } from './events';
import { optionalString, readErrors, unixSeconds } from './wire-schemas';

const statusItemSchema = z.looseObject({
  id: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  timestamp: unixSeconds,
  recipient_id: optionalString,
  recipient_user_id: optionalString,
  biz_opaque_callback_data: optionalString,
  pricing: z
    .looseObject({
      billable: z.boolean().optional(),
      pricing_model: optionalString,
      type: optionalString,
      category: optionalString,
    })
    .optional(),
  // Omitted from webhook version v24.0 on, except in free entry-point windows.
  conversation: z
    .looseObject({
      id: z.string(),
      expiration_timestamp: unixSeconds.optional(),
      origin: z.looseObject({ type: optionalString }).optional(),
    })
    .optional(),
});

/** One `statuses[]` item; null for a shape or a status value this parser does not know. */
export function parseStatusUpdate(item: unknown): StatusUpdate | null {
  const parsed = statusItemSchema.safeParse(item);
  if (!parsed.success) return null;
  const status = parsed.data;
  return {
    messageId: status.id,
    status: status.status,
    timestamp: status.timestamp,
    recipientId: status.recipient_id,
    recipientUserId: status.recipient_user_id,
    bizOpaqueCallbackData: status.biz_opaque_callback_data,
    errors: readErrors(status.errors),
    pricing: status.pricing
      ? {
          billable: status.pricing.billable ?? null,
          pricingModel: status.pricing.pricing_model,
          type: status.pricing.type,
          category: status.pricing.category,
        }
      : null,
    conversation: status.conversation
      ? {
          id: status.conversation.id,
          expirationTimestamp: status.conversation.expiration_timestamp ?? null,
          originType: status.conversation.origin?.type ?? null,
        }
      : null,
    raw: item as Record<string, unknown>,
  };
}
