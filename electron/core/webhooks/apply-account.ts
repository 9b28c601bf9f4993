import type { EntityManager } from 'typeorm';
import { AlertEntity } from '../db/entities/messaging';
import { allPhoneNumbers } from '../phone-numbers/phone-number-rows';
import { setTierOfNumber } from '../phone-numbers/phone-number-tier';
import { setPortfolioLimit } from '../portfolio/messaging-limit';
import { recordQuality } from '../quality/quality-history';
import {
  applyTemplateCategoryEvent,
  applyTemplateQualityEvent,
  applyTemplateStatusEvent,
} from '../templates/template-health';
import type {
  AccountUpdateEvent,
  BusinessCapabilityEvent,
  PhoneNumberQualityEvent,
  TemplateCategoryEvent,
  TemplateQualityEvent,
  TemplateStatusEvent,
} from '../whatsapp/webhooks';
import { readLimitValue } from '../whatsapp/webhooks/limit-value';
import type { Effects } from './effects';

async function raiseAlert(
  m: EntityManager,
  effects: Effects,
  kind: string,
  message: string,
  details: unknown,
  at: Date,
): Promise<void> {
  await m
    .getRepository(AlertEntity)
    .insert({ kind, message, details: JSON.stringify(details), createdAt: at, dismissedAt: null });
  effects.publish('alerts.changed', { kind, message });
}

/**
 * A template's review moved on (approved, rejected, paused…): the templates screen follows it, and
 * a campaign sending it pauses itself when it may no longer be sent (campaigns/template-hold.ts).
 */
export async function applyTemplateStatus(
  m: EntityManager,
  event: TemplateStatusEvent,
  effects: Effects,
  now: Date,
) {
  const template = await applyTemplateStatusEvent(m, event, now);
  effects.publish('templates.changed', {
    templateId: event.templateId,
    status: template?.status ?? event.event,
  });
  if (['REJECTED', 'PAUSED', 'DISABLED', 'FLAGGED'].includes(event.event)) {
    const why = event.info ? `: ${event.info}` : '';
    await raiseAlert(
      m,
      effects,
      'template',
      `Template “${event.templateName}” is ${event.event.toLowerCase()}${why}`,
      event.raw,
      now,
    );
  }
}

/** WhatsApp rated a template's quality (GREEN, YELLOW, RED): kept, with its history. */
export async function applyTemplateQuality(
  m: EntityManager,
  event: TemplateQualityEvent,
  effects: Effects,
  now: Date,
) {
  await applyTemplateQualityEvent(m, event, now);
  effects.publish('templates.changed', { templateId: event.templateId, status: 'quality' });
  if (event.newScore === 'RED' || event.newScore === 'YELLOW') {
    await raiseAlert(
      m,
      effects,
      'template',
      `Template “${event.templateName}” quality is now ${event.newScore === 'RED' ? 'low' : 'medium'}`,
      event.raw,
      now,
    );
  }
}

/** WhatsApp moved a template to another category (and so to other prices and rules). */
export async function applyTemplateCategory(
  m: EntityManager,
  event: TemplateCategoryEvent,
  effects: Effects,
  now: Date,
) {
  await applyTemplateCategoryEvent(m, event, now);
  effects.publish('templates.changed', { templateId: event.templateId, status: 'category' });
  await raiseAlert(
    m,
    effects,
    'template',
    `Template “${event.templateName}” is now ${event.newCategory.toLowerCase()}` +
      (event.previousCategory ? ` (was ${event.previousCategory.toLowerCase()})` : ''),
    event.raw,
    now,
  );
}

/** The portfolio's messaging limit, shared by all its numbers, changed. */
export async function applyBusinessCapability(
  m: EntityManager,
  event: BusinessCapabilityEvent,
  effects: Effects,
  now: Date,
) {
  if (event.dailyLimit === undefined || !event.tier) return;
  const changed = await setPortfolioLimit(m, {
    tier: event.tier,
    dailyLimit: event.dailyLimit,
    source: 'business_capability_update',
    at: event.time ? new Date(event.time * 1000) : now,
  });
  if (!changed) return;
  const limit = event.dailyLimit === null ? 'no daily limit' : `${event.dailyLimit} customers a day`;
  await raiseAlert(m, effects, 'messaging_limit', `Messaging limit is now ${limit}`, event.raw, now);
}

/**
 * A number's quality or limit changed: recorded in its history, the portfolio's limit taken from
 * it, and the owner told. The rating itself is read from WhatsApp right after (`refresh`): Meta's
 * events name what happened (FLAGGED, UPGRADE…) rather than the new rating.
 */
export async function applyPhoneNumberQuality(
  m: EntityManager,
  event: PhoneNumberQualityEvent,
  effects: Effects,
  now: Date,
  refresh?: () => Promise<void>,
) {
  const digits = (event.displayPhoneNumber ?? '').replace(/\D/g, '');
  const numbers = await allPhoneNumbers(m);
  const number = numbers.find((n) => n.displayPhoneNumber.replace(/\D/g, '') === digits);
  const at = event.time ? new Date(event.time * 1000) : now;
  const limit = readLimitValue(event.messagingLimitTier);
  if (limit) {
    await setPortfolioLimit(m, { ...limit, source: 'phone_number_quality_update', at });
  } else if (number && event.messagingLimitTier) {
    await setTierOfNumber(m, number.id, event.messagingLimitTier, now);
  }
  await recordQuality(m, {
    subject: 'phone_number',
    subjectId: number?.id ?? digits,
    subjectName: event.displayPhoneNumber ?? digits,
    rating: null,
    previousRating: number?.qualityRating ?? null,
    event: event.event,
    detail: event.messagingLimitTier ? `Messaging limit ${event.messagingLimitTier}` : null,
    at,
  });
  if (refresh) effects.after(refresh);
  const limitText = event.messagingLimitTier ? ` (messaging limit ${event.messagingLimitTier})` : '';
  await raiseAlert(
    m,
    effects,
    'phone_number',
    `Phone number ${event.displayPhoneNumber ?? ''}: ${event.event}${limitText}`,
    event.raw,
    now,
  );
}

/** Restrictions, violations, bans: always worth an alert. */
export async function applyAccountUpdate(
  m: EntityManager,
  event: AccountUpdateEvent,
  effects: Effects,
  now: Date,
) {
  await raiseAlert(m, effects, 'account', `WhatsApp account update: ${event.event}`, event.raw, now);
}
