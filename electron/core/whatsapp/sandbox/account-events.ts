import { z } from 'zod';
import { MESSAGING_LIMIT_TIERS, type MessagingLimitTier } from '../client/types/account';
import type { SandboxContext } from './context';
import { sendFieldWebhook } from './customer-calls';
import type { TemplateRecord } from './template-store';
import { contactOf, templateStatusPayload } from './webhook-payloads';

/**
 * What WhatsApp itself decides and reports by webhook (reference §10), on a test's or a demo's
 * request through the control API: a customer pressing WhatsApp's own marketing stop or resume, a
 * customer WhatsApp holds marketing back from (131049), a template paused, disabled, re-rated or
 * moved to another category, and the portfolio's messaging limit changing.
 */

export const preferenceSchema = z
  .object({
    value: z.enum(['stop', 'resume']),
    /** Which business number the customer pressed it in; the first one by default. */
    phoneNumberId: z.string().optional(),
  })
  .strict();

export const marketingHoldSchema = z.object({ held: z.boolean() }).strict();

export const templateChangeSchema = z
  .object({
    status: z.enum(['APPROVED', 'PAUSED', 'DISABLED', 'FLAGGED', 'REINSTATED']).optional(),
    /** WhatsApp's words on a pause or disable (`other_info.description`). */
    reason: z.string().max(500).optional(),
    quality: z.enum(['GREEN', 'YELLOW', 'RED', 'UNKNOWN']).optional(),
    category: z.enum(['MARKETING', 'UTILITY', 'AUTHENTICATION']).optional(),
  })
  .strict()
  .refine((v) => v.status ?? v.quality ?? v.category, 'give a status, a quality or a category');

export const messagingLimitSchema = z
  .object({
    tier: z.enum(Object.keys(MESSAGING_LIMIT_TIERS) as [MessagingLimitTier, ...MessagingLimitTier[]]),
  })
  .strict();

/** WhatsApp's stop or resume button: the sandbox's opt-out follows, and `user_preferences` is sent. */
export function customerPreference(
  ctx: SandboxContext,
  waId: string,
  input: z.input<typeof preferenceSchema>,
): void {
  const { value, phoneNumberId } = preferenceSchema.parse(input);
  const number = phoneNumberId
    ? ctx.state.phoneNumbers.get(phoneNumberId)
    : ctx.state.phoneNumbers.values().next().value;
  if (!number) throw new Error(`No phone number ${phoneNumberId ?? ''}`);
  const customer = ctx.state.customerByKey(waId);
  customer.optedOut = value === 'stop';
  sendFieldWebhook(ctx, 'user_preferences', {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: number.displayPhoneNumber, phone_number_id: number.id },
    contacts: [contactOf(customer)],
    user_preferences: [
      {
        ...(customer.hidesNumber ? {} : { wa_id: customer.waId }),
        ...(customer.userId ? { user_id: customer.userId } : {}),
        detail:
          value === 'stop'
            ? 'User requested to stop marketing messages'
            : 'User requested to resume marketing messages',
        category: 'marketing_messages',
        value,
        timestamp: ctx.clock.nowSeconds(),
      },
    ],
  });
}

/** While held, marketing templates to the customer are accepted and then fail with 131049. */
export function holdCustomerMarketing(
  ctx: SandboxContext,
  waId: string,
  input: z.input<typeof marketingHoldSchema>,
): void {
  ctx.state.customerByKey(waId).marketingHeld = marketingHoldSchema.parse(input).held;
}

/** WhatsApp changes a template: each part that changed is its own webhook, as Meta sends them. */
export function changeTemplate(
  ctx: SandboxContext,
  id: string,
  input: z.input<typeof templateChangeSchema>,
): TemplateRecord {
  const change = templateChangeSchema.parse(input);
  const template = ctx.state.templates.byId(id);
  if (!template) throw new Error(`No template ${id}`);
  const ids = {
    message_template_id: Number(template.id),
    message_template_name: template.name,
    message_template_language: template.language,
  };
  if (change.category && change.category !== template.category) {
    const previous = template.category;
    template.category = change.category;
    sendFieldWebhook(ctx, 'template_category_update', {
      ...ids,
      previous_category: previous,
      new_category: change.category,
    });
  }
  if (change.quality) {
    const previous = template.qualityScore ?? 'UNKNOWN';
    template.qualityScore = change.quality;
    sendFieldWebhook(ctx, 'message_template_quality_update', {
      ...ids,
      previous_quality_score: previous,
      new_quality_score: change.quality,
    });
  }
  if (change.status) {
    template.status = change.status === 'REINSTATED' ? 'APPROVED' : change.status;
    const title =
      change.status === 'PAUSED' ? 'FIRST_PAUSE' : change.status === 'REINSTATED' ? 'UNPAUSE' : change.status;
    const payload = templateStatusPayload({
      wabaId: ctx.state.business.id,
      time: ctx.clock.nowSeconds(),
      event: change.status,
      templateId: template.id,
      name: template.name,
      language: template.language,
      category: template.category,
      reason: 'NONE',
      ...(change.reason ? { otherInfo: { title, description: change.reason } } : {}),
    });
    ctx.webhooks.send(payload, `template:${change.status} ${template.name}`);
  }
  return template;
}

/** The portfolio's messaging limit changes: sends are limited by it and `business_capability_update` says so. */
export function setMessagingLimit(ctx: SandboxContext, input: z.input<typeof messagingLimitSchema>): void {
  const { tier } = messagingLimitSchema.parse(input);
  ctx.state.business.messagingLimitTier = tier;
  const limit = MESSAGING_LIMIT_TIERS[tier];
  sendFieldWebhook(ctx, 'business_capability_update', {
    max_daily_conversations_per_business: limit ?? -1,
    max_phone_numbers_per_business: 20,
  });
}
