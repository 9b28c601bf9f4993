import { z } from 'zod';
import type { Contact, MessagesFieldBase, WebhookEvent } from './events';
import {
  parseAccountUpdate,
  parseBusinessCapability,
  parsePhoneNumberQuality,
  parseTemplateCategory,
  parseTemplateQuality,
  parseTemplateStatus,
} from './parse-account-fields';
import { parseInboundMessage } from './parse-message';
import { parseUserPreferences } from './parse-preferences';
import { parseStatusUpdate } from './parse-status';
import { idLike, optionalString, readErrors, unixSeconds } from './wire-schemas';

const envelopeSchema = z.looseObject({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(z.unknown()),
});
const entrySchema = z.looseObject({
  id: idLike,
  time: unixSeconds.optional(),
  changes: z.array(z.unknown()),
});
const changeSchema = z.looseObject({ field: z.string(), value: z.unknown() });
const messagesValueSchema = z.looseObject({
  metadata: z.looseObject({ phone_number_id: idLike, display_phone_number: optionalString }),
  contacts: z.array(z.unknown()).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(z.unknown()).optional(),
});
const contactSchema = z.looseObject({
  // A customer who hides their number comes with a user id and no wa_id (reference §10).
  wa_id: optionalString,
  user_id: optionalString,
  profile: z.looseObject({ name: optionalString, username: optionalString }).optional(),
});

/**
 * Every event in a webhook POST, in payload order. Never throws: anything it cannot read (another
 * `object`, an unknown field, an item of an unexpected shape) comes back as `kind: 'unknown'` with the
 * raw JSON, so the caller can store it and nothing is lost.
 */
export function parseWebhook(json: unknown): WebhookEvent[] {
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return [{ kind: 'unknown', wabaId: null, field: null, value: json }];
  return envelope.data.entry.flatMap((entry) => parseEntry(entry));
}

function parseEntry(rawEntry: unknown): WebhookEvent[] {
  const entry = entrySchema.safeParse(rawEntry);
  if (!entry.success) return [{ kind: 'unknown', wabaId: null, field: null, value: rawEntry }];
  const info = { wabaId: entry.data.id, time: entry.data.time ?? null };
  return entry.data.changes.flatMap((rawChange): WebhookEvent[] => {
    const change = changeSchema.safeParse(rawChange);
    if (!change.success) return [{ kind: 'unknown', wabaId: info.wabaId, field: null, value: rawChange }];
    const { field, value } = change.data;
    const unknown: WebhookEvent = { kind: 'unknown', wabaId: info.wabaId, field, value };
    switch (field) {
      case 'messages':
        return parseMessagesValue(info.wabaId, value);
      case 'message_template_status_update':
        return [parseTemplateStatus(value, info) ?? unknown];
      case 'message_template_quality_update':
        return [parseTemplateQuality(value, info) ?? unknown];
      case 'template_category_update':
        return [parseTemplateCategory(value, info) ?? unknown];
      case 'user_preferences':
        return parseUserPreferences(info.wabaId, value) ?? [unknown];
      case 'business_capability_update':
        return [parseBusinessCapability(value, info) ?? unknown];
      case 'phone_number_quality_update':
        return [parsePhoneNumberQuality(value, info) ?? unknown];
      case 'account_update':
        return [parseAccountUpdate(value, info) ?? unknown];
      default:
        return [unknown];
    }
  });
}

function parseMessagesValue(wabaId: string, rawValue: unknown): WebhookEvent[] {
  const value = messagesValueSchema.safeParse(rawValue);
  if (!value.success) return [{ kind: 'unknown', wabaId, field: 'messages', value: rawValue }];
  const base: MessagesFieldBase = {
    wabaId,
    phoneNumberId: value.data.metadata.phone_number_id,
    displayPhoneNumber: value.data.metadata.display_phone_number,
  };
  const contacts = readContacts(value.data.contacts);
  const unknownItem = (item: unknown): WebhookEvent => ({
    kind: 'unknown',
    wabaId,
    field: 'messages',
    value: item,
  });

  const messages = (value.data.messages ?? []).map((item): WebhookEvent => {
    const message = parseInboundMessage(item);
    if (!message) return unknownItem(item);
    const contact =
      contacts.find(
        (c) =>
          (message.from && c.waId === message.from) ||
          (message.fromUserId && c.userId === message.fromUserId),
      ) ??
      // A lone contact is the sender even when its id is written differently (some countries' old
      // number formats), but only the message's own keys are trusted: a key taken from elsewhere
      // would join two people into one contact.
      (contacts.length === 1 ? { ...contacts[0]!, waId: message.from, userId: message.fromUserId } : null);
    return { kind: 'message', ...base, contact, message };
  });
  const statuses = (value.data.statuses ?? []).map((item): WebhookEvent => {
    const status = parseStatusUpdate(item);
    return status ? { kind: 'status', ...base, status } : unknownItem(item);
  });
  const errors = (value.data.errors ?? []).map((item): WebhookEvent => {
    const [error] = readErrors([item]);
    return error ? { kind: 'error', ...base, error } : unknownItem(item);
  });
  return [...messages, ...statuses, ...errors];
}

function readContacts(raw: unknown[] | undefined): Contact[] {
  return (raw ?? []).flatMap((item) => {
    const parsed = contactSchema.safeParse(item);
    if (!parsed.success || (!parsed.data.wa_id && !parsed.data.user_id)) return [];
    return [
      {
        waId: parsed.data.wa_id,
        name: parsed.data.profile?.name ?? null,
        userId: parsed.data.user_id,
        username: parsed.data.profile?.username?.replace(/^@/, '') || null,
      },
    ];
  });
}
