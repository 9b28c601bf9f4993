import type { EntityManager } from 'typeorm';
import { TemplateEntity, type TemplateRow } from '../db/entities/messaging';
import { recordQuality } from '../quality/quality-history';
import type { TemplateCategoryEvent, TemplateQualityEvent, TemplateStatusEvent } from '../whatsapp/webhooks';

/**
 * What WhatsApp's template webhooks change on a template, applied live in the webhook's
 * transaction: its review status (and why), its quality, its category. A running campaign looks at
 * its template's status every second and pauses itself when it may no longer be sent.
 */

/** Meta writes the language `en-US` in one place and `en_US` in another (reference §6). */
async function findTemplate(
  m: EntityManager,
  id: string,
  name: string,
  language: string | null,
): Promise<TemplateRow | null> {
  const repo = m.getRepository(TemplateEntity);
  return (
    (await repo.findOneBy({ id })) ??
    (language ? await repo.findOneBy({ name, language: language.replace('-', '_') }) : null)
  );
}

/**
 * Status events are what happened, not always a status: a template that is reinstated is approved
 * again, and one flagged for low quality is still approved (it may be paused next).
 */
function statusAfter(event: string, current: string): string {
  if (event === 'REINSTATED' || event === 'UNPAUSED') return 'APPROVED';
  if (event === 'FLAGGED') return current;
  return event;
}

export async function applyTemplateStatusEvent(
  m: EntityManager,
  event: TemplateStatusEvent,
  now: Date,
): Promise<TemplateRow | null> {
  const template = await findTemplate(m, event.templateId, event.templateName, event.language);
  if (!template) return null;
  const status = statusAfter(event.event, template.status);
  const reason =
    event.event === 'FLAGGED'
      ? `Flagged for low quality${event.info ? `: ${event.info}` : ''}; it may be paused next`
      : status === 'APPROVED'
        ? null
        : (event.info ?? (event.reason && event.reason !== 'NONE' ? event.reason : null));
  const changes: Partial<TemplateRow> = {
    status,
    rejectedReason: status === 'REJECTED' ? event.reason : null,
    statusReason: reason,
    updatedAt: now,
  };
  if (event.category && event.category !== template.category) {
    Object.assign(changes, {
      category: event.category,
      previousCategory: template.category,
      categoryChangedAt: now,
    });
  }
  await m.getRepository(TemplateEntity).update({ id: template.id }, changes);
  return { ...template, ...changes };
}

export async function applyTemplateQualityEvent(
  m: EntityManager,
  event: TemplateQualityEvent,
  now: Date,
): Promise<TemplateRow | null> {
  const template = await findTemplate(m, event.templateId, event.templateName, event.language);
  const at = event.time ? new Date(event.time * 1000) : now;
  await recordQuality(m, {
    subject: 'template',
    subjectId: template?.id ?? event.templateId,
    subjectName: `${event.templateName} (${event.language})`,
    rating: event.newScore,
    previousRating: event.previousScore ?? template?.qualityScore ?? null,
    event: 'QUALITY_UPDATE',
    detail: null,
    at,
  });
  if (!template) return null;
  const changes = { qualityScore: event.newScore, qualityUpdatedAt: at, updatedAt: now };
  await m.getRepository(TemplateEntity).update({ id: template.id }, changes);
  return { ...template, ...changes };
}

export async function applyTemplateCategoryEvent(
  m: EntityManager,
  event: TemplateCategoryEvent,
  now: Date,
): Promise<TemplateRow | null> {
  const template = await findTemplate(m, event.templateId, event.templateName, event.language);
  if (!template) return null;
  const changes = {
    category: event.newCategory,
    previousCategory: event.previousCategory ?? template.category,
    categoryChangedAt: event.time ? new Date(event.time * 1000) : now,
    updatedAt: now,
  };
  await m.getRepository(TemplateEntity).update({ id: template.id }, changes);
  return { ...template, ...changes };
}
