import { z } from 'zod';
import { businessUserIdField } from '@shared/customer-id';
import type { SandboxContext } from './context';
import { newIds } from './random';
import { inboundPayload } from './webhook-payloads';

/** POST /_sandbox/customers/:key/identity: how WhatsApp shows this customer to the business. */
export const identitySchema = z
  .object({
    username: z.string().trim().min(1).max(64).nullable().optional(),
    /** Their number disappears from webhooks; the business sees user id and username only. */
    hidesNumber: z.boolean().optional(),
    /** A new business-scoped user id: `user_changed_user_id` is sent from the old one. */
    userId: businessUserIdField.optional(),
    phoneNumberId: z.string().optional(),
  })
  .strict();

/**
 * Changes how WhatsApp names a customer to the business (reference §10). Hiding the number needs a
 * user id, so one is made when the customer has none. A changed user id is announced by a `system`
 * message of type `user_changed_user_id` from the old id, carrying the new one.
 */
export function setCustomerIdentity(ctx: SandboxContext, key: string, input: z.input<typeof identitySchema>) {
  const change = identitySchema.parse(input);
  const customer = ctx.state.customerByKey(key);
  if (change.userId && ctx.state.customerByUserId(change.userId) && change.userId !== customer.userId) {
    throw new Error(`${change.userId} is another customer's user id`);
  }
  if (change.username !== undefined) customer.username = change.username?.replace(/^@/, '') ?? null;
  if (change.hidesNumber !== undefined) customer.hidesNumber = change.hidesNumber;
  if (customer.hidesNumber && !customer.userId && !change.userId) customer.userId = newUserId(customer.waId);
  if (!change.userId || change.userId === customer.userId) return;
  const previous = customer.userId;
  customer.userId = change.userId;
  if (previous === null) return;

  const number = change.phoneNumberId
    ? ctx.state.phoneNumbers.get(change.phoneNumberId)
    : ctx.state.phoneNumbers.values().next().value;
  if (!number) throw new Error(`No phone number ${change.phoneNumberId ?? ''}`);
  const id = newIds.wamid();
  ctx.webhooks.send(
    inboundPayload({
      wabaId: ctx.state.business.id,
      number,
      // The message comes from the id the business knew; the new one is in its body.
      customer: { ...customer, userId: previous },
      message: {
        id,
        timestamp: String(ctx.clock.nowSeconds()),
        type: 'system',
        system: {
          body: `User ${customer.name} changed their user id`,
          type: 'user_changed_user_id',
          new_user_id: change.userId,
        },
      },
    }),
    `message:system ${id}`,
  );
}

/** A stable, made-up id in Meta's shape: the country of the number, then digits. */
function newUserId(waId: string): string {
  const digits = [...waId].reduce((sum, d, i) => (sum * 31 + Number(d) + i) % 1e12, 7);
  return `US.${String(digits).padStart(12, '0')}${waId.slice(-8)}`;
}
