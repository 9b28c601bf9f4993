import type { EntityManager } from 'typeorm';
import { AlertEntity, PhoneNumberEntity, TemplateEntity } from '../db/entities/messaging';
import type { AccountUpdateEvent, PhoneNumberQualityEvent, TemplateStatusEvent } from '../whatsapp/webhooks';
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

/** A template's review moved on (approved, rejected, paused…): the templates screen follows it. */
export async function applyTemplateStatus(
  m: EntityManager,
  event: TemplateStatusEvent,
  effects: Effects,
  now: Date,
) {
  const repo = m.getRepository(TemplateEntity);
  const template =
    (await repo.findOneBy({ id: event.templateId })) ??
    (await repo.findOneBy({ name: event.templateName, language: event.language.replace('-', '_') }));
  if (template) {
    await repo.update(
      { id: template.id },
      {
        status: event.event,
        rejectedReason: event.event === 'REJECTED' ? event.reason : null,
        updatedAt: now,
      },
    );
  }
  effects.publish('templates.changed', { templateId: event.templateId, status: event.event });
  if (['REJECTED', 'PAUSED', 'DISABLED', 'FLAGGED'].includes(event.event)) {
    await raiseAlert(
      m,
      effects,
      'template',
      `Template “${event.templateName}” is ${event.event.toLowerCase()}`,
      event.raw,
      now,
    );
  }
}

/** A number's limit or quality changed: record it and tell the owner. */
export async function applyPhoneNumberQuality(
  m: EntityManager,
  event: PhoneNumberQualityEvent,
  effects: Effects,
  now: Date,
) {
  const repo = m.getRepository(PhoneNumberEntity);
  const digits = (event.displayPhoneNumber ?? '').replace(/\D/g, '');
  const numbers = await repo.find();
  const number = numbers.find((n) => n.displayPhoneNumber.replace(/\D/g, '') === digits);
  if (number && event.messagingLimitTier) {
    await repo.update({ id: number.id }, { messagingLimitTier: event.messagingLimitTier, updatedAt: now });
  }
  const limit = event.messagingLimitTier ? ` (messaging limit ${event.messagingLimitTier})` : '';
  await raiseAlert(
    m,
    effects,
    'phone_number',
    `Phone number ${event.displayPhoneNumber ?? ''}: ${event.event}${limit}`,
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
