import { z } from 'zod';
import type { AccountUpdateEvent, PhoneNumberQualityEvent, TemplateStatusEvent } from './events';
import { idLike, optionalString } from './wire-schemas';

/** `message_template_id` is a number in Meta's own example; ids are strings everywhere else here. */
const templateStatusSchema = z.looseObject({
  event: z.string(),
  message_template_id: idLike,
  message_template_name: z.string(),
  message_template_language: z.string(),
  reason: optionalString,
  message_template_category: optionalString,
});

const qualitySchema = z.looseObject({
  event: z.string(),
  display_phone_number: optionalString,
  max_daily_conversations_per_business: optionalString,
  current_limit: optionalString,
});

const accountUpdateSchema = z.looseObject({ event: z.string() });

interface EntryInfo {
  wabaId: string;
  time: number | null;
}

export function parseTemplateStatus(value: unknown, entry: EntryInfo): TemplateStatusEvent | null {
  const parsed = templateStatusSchema.safeParse(value);
  if (!parsed.success) return null;
  const v = parsed.data;
  return {
    kind: 'template_status',
    ...entry,
    event: v.event,
    templateId: v.message_template_id,
    templateName: v.message_template_name,
    language: v.message_template_language,
    reason: v.reason,
    category: v.message_template_category,
    raw: v,
  };
}

export function parsePhoneNumberQuality(value: unknown, entry: EntryInfo): PhoneNumberQualityEvent | null {
  const parsed = qualitySchema.safeParse(value);
  if (!parsed.success) return null;
  const v = parsed.data;
  return {
    kind: 'phone_number_quality',
    ...entry,
    displayPhoneNumber: v.display_phone_number,
    event: v.event,
    // `current_limit` is deprecated (Feb 2026) but older senders still use it.
    messagingLimitTier: v.max_daily_conversations_per_business ?? v.current_limit,
    raw: v,
  };
}

export function parseAccountUpdate(value: unknown, entry: EntryInfo): AccountUpdateEvent | null {
  const parsed = accountUpdateSchema.safeParse(value);
  if (!parsed.success) return null;
  return { kind: 'account_update', ...entry, event: parsed.data.event, raw: parsed.data };
}
