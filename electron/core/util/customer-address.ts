import { isBusinessUserId } from '@shared/customer-id';

/**
 * Where a customer is reached: their WhatsApp id (a phone number's digits) when known, else their
 * business-scoped user id, for customers who hide their number (issue 13). Messages keep this in
 * `recipient_wa_id`, so one column keys campaigns' one-message-per-customer index, replies, opt-out
 * keywords and the portfolio's reach whichever way the customer is known.
 */
export function customerAddress(contact: { waId: string | null; userId: string | null }): string {
  const address = contact.waId ?? contact.userId;
  if (!address) throw new Error('A contact has neither a WhatsApp id nor a user id');
  return address;
}

/**
 * What a send names as its recipient: an E.164 number (the `+` stops Meta from putting the business
 * number's country code in front), or the user id as it is (sent as `recipient`, messages-api.ts).
 */
export function sendTarget(address: string): string {
  return isBusinessUserId(address) ? address : `+${address.replace(/^\+/, '')}`;
}
