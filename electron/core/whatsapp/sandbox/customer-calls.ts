import { z } from 'zod';
import type { SandboxContext } from './context';
import { newIds } from './random';
import type { JsonObject } from './webhook-payloads';

/**
 * What a simulated customer's WhatsApp call produces (POST /_sandbox/customers/:waId/calls): the
 * Calling API's `calls` webhook (reference §10). Wapidesk does not answer calls; it must take these
 * webhooks and keep them without error.
 */
export const customerCallSchema = z
  .object({
    event: z.enum(['connect', 'terminate']),
    /** Which business number is called; the first one by default. */
    phoneNumberId: z.string().optional(),
    /** The call a `terminate` ends; a new id otherwise. */
    callId: z.string().min(1).optional(),
    durationSeconds: z.number().int().min(0).optional(),
  })
  .strict();

export type CustomerCall = z.input<typeof customerCallSchema>;

/** Sends the `calls` webhook; returns the call id, for the `terminate` that ends it. */
export function customerCalls(ctx: SandboxContext, waId: string, input: CustomerCall): { callId: string } {
  const call = customerCallSchema.parse(input);
  const number = call.phoneNumberId
    ? ctx.state.phoneNumbers.get(call.phoneNumberId)
    : ctx.state.phoneNumbers.values().next().value;
  if (!number) throw new Error(`No phone number ${call.phoneNumberId ?? ''}`);
  const customer = ctx.state.customer(waId.replace(/\D/g, ''));
  const callId = call.callId ?? `wacid.${newIds.wamid().slice('wamid.'.length)}`;
  const now = ctx.clock.nowSeconds();
  const item: JsonObject = {
    id: callId,
    from: customer.waId,
    to: number.displayPhoneNumber,
    event: call.event,
    timestamp: String(now),
    direction: 'USER_INITIATED',
  };
  if (call.event === 'connect') {
    item.session = { sdp_type: 'offer', sdp: 'v=0\r\no=- 7669997803033704573 2 IN IP4 127.0.0.1\r\ns=-\r\n' };
  } else {
    const duration = call.durationSeconds ?? 0;
    Object.assign(item, {
      status: duration > 0 ? 'COMPLETED' : 'FAILED',
      start_time: String(now - duration),
      end_time: String(now),
      duration,
    });
  }
  sendFieldWebhook(ctx, 'calls', {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: number.displayPhoneNumber, phone_number_id: number.id },
    contacts: [{ profile: { name: customer.name }, wa_id: customer.waId }],
    calls: [item],
  });
  return { callId };
}

/**
 * A signed webhook of any field, in Meta's envelope for this business account: how tests and demos
 * send what Wapidesk does not model (`smb_message_echoes`, `history`, …) to see it kept.
 */
export function sendFieldWebhook(ctx: SandboxContext, field: string, value: JsonObject): void {
  const payload = {
    object: 'whatsapp_business_account',
    entry: [{ id: ctx.state.business.id, time: ctx.clock.nowSeconds(), changes: [{ field, value }] }],
  };
  ctx.webhooks.send(payload, `${field}`);
}
