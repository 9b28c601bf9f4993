import type { EntityManager } from 'typeorm';
import type { AuditLog } from '../audit/audit-log';
import { HELD_BACK_MS } from '../campaigns/retry-policy';
import { holdMarketing, optOutByWhatsApp } from '../contacts/marketing-opt-out';
import type { StatusTarget } from '../messaging/message-status-rows';
import { pricingOf, recordPricing } from '../pricing/record-pricing';
import { classifyErrorCode, type StatusUpdate } from '../whatsapp';
import type { Effects } from './effects';

/**
 * What a status means beyond the message itself, in the status's transaction:
 * - its pricing is counted in what was spent (once per message);
 * - a failure with 131050 means the customer stopped marketing in WhatsApp: they are opted out, as
 *   WhatsApp's `user_preferences` stop does (never retried: a failed message stays failed);
 * - a failure with 131049 means WhatsApp held a marketing message back: no marketing to them for 24
 *   hours (campaigns wait for them), and they are not opted out.
 * A failure that does not move the message (reported after it was read) changes nobody's consent.
 */
export async function applyStatusConsequences(
  m: EntityManager,
  message: StatusTarget,
  update: StatusUpdate,
  failureApplies: boolean,
  audit: AuditLog,
  effects: Effects,
): Promise<void> {
  const at = new Date(update.timestamp * 1000);
  const pricing = pricingOf(update.pricing);
  if (pricing) await recordPricing(m, message, pricing, at);
  const error = update.status === 'failed' && failureApplies ? update.errors[0] : undefined;
  if (!error || message.contactId === null) return;
  const errorClass = classifyErrorCode(error.code).errorClass;
  const words = error.title ?? error.message ?? '';
  if (errorClass === 'opted_out') {
    const detail = `A message was refused with error ${error.code}: ${words || 'the customer stopped marketing messages'}`;
    if (await optOutByWhatsApp(m, audit, message.contactId, at, detail)) {
      effects.publish('contacts.changed', { reason: 'contact.opt_out' });
    }
  } else if (errorClass === 'held') {
    const until = new Date(at.getTime() + HELD_BACK_MS);
    if (await holdMarketing(m, audit, message.contactId, until, `${error.code} ${words}`.trim())) {
      effects.publish('contacts.changed', { reason: 'contact.marketing_held' });
    }
  }
}
