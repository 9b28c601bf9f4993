import type { EntityManager } from 'typeorm';
import type { AuditLog } from '../audit/audit-log';
import { optOutByWhatsApp, resumeByWhatsApp } from '../contacts/marketing-opt-out';
import type { InboundContactUpserter } from './apply-message';
import type { UserPreferenceEvent } from '../whatsapp/webhooks';
import type { Effects } from './effects';

const STOP_DETAIL = 'Pressed WhatsApp’s “stop” for marketing messages from this business';

/**
 * WhatsApp's own marketing opt-out (`user_preferences`, reference §10). `stop` opts the customer
 * out at once: a running campaign reads their consent at each send and leaves them out from the
 * next one. `resume` lifts only an opt-out that came from WhatsApp. A customer not yet a contact
 * becomes one, so a later import or campaign cannot reach them by mistake. They are found as an
 * inbound message finds them (by number or user id, two contacts joined when the event names both
 * keys), so the stop reaches every way the shop can message them. `signup` and values this code
 * does not know are kept in the webhook inbox only.
 */
export async function applyUserPreference(
  m: EntityManager,
  event: UserPreferenceEvent,
  contacts: InboundContactUpserter,
  audit: AuditLog,
  effects: Effects,
  now: Date,
): Promise<void> {
  if (event.category && event.category !== 'marketing_messages') return;
  if ((!event.waId && !event.userId) || (event.value !== 'stop' && event.value !== 'resume')) return;
  const keys = { waId: event.waId, userId: event.userId };
  const at = event.timestamp ? new Date(event.timestamp * 1000) : now;
  if (event.value === 'stop') {
    const contactId = await contacts.upsert(m, {
      ...keys,
      username: null,
      profileName: event.name,
      at,
      wrote: false,
    });
    const detail = event.detail && event.detail !== '' ? `${STOP_DETAIL}: “${event.detail}”` : STOP_DETAIL;
    if (await optOutByWhatsApp(m, audit, contactId, at, detail)) {
      effects.publish('contacts.changed', { reason: 'contact.opt_out' });
    }
    return;
  }
  const contactId = await contacts.find(m, keys);
  if (contactId === null) return;
  const outcome = await resumeByWhatsApp(m, audit, contactId, at, event.detail ?? 'Resumed in WhatsApp');
  if (outcome === 'lifted') effects.publish('contacts.changed', { reason: 'contact.opt_in' });
}
