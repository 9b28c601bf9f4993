import { z } from 'zod';
import type {
  AccountUpdateEvent,
  BusinessCapabilityEvent,
  PhoneNumberQualityEvent,
  TemplateCategoryEvent,
  TemplateQualityEvent,
  TemplateStatusEvent,
} from './events';
import { readLimitValue } from './limit-value';
import { idLike, optionalString, rawObject } from './wire-schemas';

/** `message_template_id` is a number in Meta's own example; ids are strings everywhere else here. */
const templateStatusSchema = z.looseObject({
  event: z.string(),
  message_template_id: idLike,
  message_template_name: z.string(),
  message_template_language: z.string(),
  reason: optionalString,
  message_template_category: optionalString,
  category: optionalString,
  other_info: z.looseObject({ title: optionalString, description: optionalString }).optional(),
  rejection_info: z.looseObject({ reason: optionalString, recommendation: optionalString }).optional(),
  disable_info: z.looseObject({ disable_date: z.union([z.string(), z.number()]).optional() }).optional(),
});

const templateQualitySchema = z.looseObject({
  message_template_id: idLike,
  message_template_name: z.string(),
  message_template_language: z.string(),
  previous_quality_score: optionalString,
  new_quality_score: z.string(),
});

const templateCategorySchema = z.looseObject({
  message_template_id: idLike,
  message_template_name: z.string(),
  message_template_language: optionalString,
  previous_category: optionalString,
  new_category: z.string(),
});

const capabilitySchema = rawObject;

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
    category: v.message_template_category ?? v.category,
    info: templateInfo(v),
    raw: v,
  };
}

/** WhatsApp's own words on why a template changed state, from whichever block it sent. */
function templateInfo(v: z.output<typeof templateStatusSchema>): string | null {
  const parts: string[] = [];
  if (v.other_info?.title) parts.push(v.other_info.title);
  if (v.other_info?.description) parts.push(v.other_info.description);
  if (v.rejection_info?.reason) parts.push(`Reason: ${v.rejection_info.reason}`);
  if (v.rejection_info?.recommendation) parts.push(v.rejection_info.recommendation);
  const disableDate = v.disable_info?.disable_date;
  if (disableDate !== undefined) {
    const at = typeof disableDate === 'number' ? new Date(disableDate * 1000).toISOString() : disableDate;
    parts.push(`To be disabled on ${at}`);
  }
  return parts.length ? parts.join(': ') : null;
}

export function parseTemplateQuality(value: unknown, entry: EntryInfo): TemplateQualityEvent | null {
  const parsed = templateQualitySchema.safeParse(value);
  if (!parsed.success) return null;
  const v = parsed.data;
  return {
    kind: 'template_quality',
    ...entry,
    templateId: v.message_template_id,
    templateName: v.message_template_name,
    language: v.message_template_language,
    previousScore: v.previous_quality_score,
    newScore: v.new_quality_score,
    raw: v,
  };
}

export function parseTemplateCategory(value: unknown, entry: EntryInfo): TemplateCategoryEvent | null {
  const parsed = templateCategorySchema.safeParse(value);
  if (!parsed.success) return null;
  const v = parsed.data;
  return {
    kind: 'template_category',
    ...entry,
    templateId: v.message_template_id,
    templateName: v.message_template_name,
    language: v.message_template_language,
    previousCategory: v.previous_category,
    newCategory: v.new_category,
    raw: v,
  };
}

/**
 * `business_capability_update`: `max_daily_conversations_per_business` is the portfolio's limit
 * (250, 2000, 10000, 100000, or -1 for unlimited; a tier name is taken too). Null for a payload with
 * neither it nor the per-number figures of older senders.
 */
export function parseBusinessCapability(value: unknown, entry: EntryInfo): BusinessCapabilityEvent | null {
  const parsed = capabilitySchema.safeParse(value);
  if (!parsed.success) return null;
  const v = parsed.data;
  const limit =
    readLimitValue(v.max_daily_conversations_per_business) ??
    readLimitValue(v.max_daily_conversation_per_phone);
  const maxNumbers = Number(v.max_phone_numbers_per_business);
  if (!limit && !Number.isInteger(maxNumbers)) return null;
  return {
    kind: 'business_capability',
    ...entry,
    tier: limit?.tier ?? null,
    dailyLimit: limit ? limit.dailyLimit : undefined,
    maxPhoneNumbers: Number.isInteger(maxNumbers) ? maxNumbers : null,
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
