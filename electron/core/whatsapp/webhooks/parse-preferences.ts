import { z } from 'zod';
import type { UserPreferenceEvent, WebhookEvent } from './events';
import { idLike, optionalString, unixSeconds } from './wire-schemas';

const valueSchema = z.looseObject({
  metadata: z.looseObject({ phone_number_id: idLike, display_phone_number: optionalString }),
  contacts: z.array(z.unknown()).optional(),
  user_preferences: z.array(z.unknown()),
});
const contactSchema = z.looseObject({
  wa_id: optionalString,
  user_id: optionalString,
  profile: z.looseObject({ name: optionalString }).optional(),
});
const preferenceSchema = z.looseObject({
  wa_id: optionalString,
  user_id: optionalString,
  value: z.string(),
  category: optionalString,
  detail: optionalString,
  timestamp: unixSeconds.optional(),
});

/**
 * `user_preferences` (reference §10): one event per item, with the customer's name from
 * `contacts[]`. An item without any id of the customer, or a value of the wrong shape, is kept raw.
 * Null when the whole value cannot be read.
 */
export function parseUserPreferences(wabaId: string, rawValue: unknown): WebhookEvent[] | null {
  const value = valueSchema.safeParse(rawValue);
  if (!value.success) return null;
  const contacts = (value.data.contacts ?? []).flatMap((item) => {
    const parsed = contactSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
  return value.data.user_preferences.map((item): WebhookEvent => {
    const parsed = preferenceSchema.safeParse(item);
    if (!parsed.success || (!parsed.data.wa_id && !parsed.data.user_id)) {
      return { kind: 'unknown', wabaId, field: 'user_preferences', value: item };
    }
    const p = parsed.data;
    // The contact of the same id; Meta's own example pairs a preference with a contact of another
    // number, so a lone contact is only trusted when the item names nobody by WhatsApp id.
    const contact =
      contacts.find((c) => (p.wa_id && c.wa_id === p.wa_id) || (p.user_id && c.user_id === p.user_id)) ??
      (!p.wa_id && contacts.length === 1 ? contacts[0] : undefined);
    const event: UserPreferenceEvent = {
      kind: 'user_preference',
      wabaId,
      phoneNumberId: value.data.metadata.phone_number_id,
      displayPhoneNumber: value.data.metadata.display_phone_number,
      waId: p.wa_id ?? contact?.wa_id ?? null,
      userId: p.user_id ?? contact?.user_id ?? null,
      name: contact?.profile?.name ?? null,
      value: p.value,
      category: p.category,
      detail: p.detail,
      timestamp: p.timestamp ?? null,
      raw: p,
    };
    return event;
  });
}
