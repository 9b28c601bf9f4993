import type { EntityManager } from 'typeorm';
import type { AuditLog } from '../audit/audit-log';
import { AlertEntity } from '../db/entities/messaging';
import type { WebhookEvent } from '../whatsapp/webhooks';
import {
  applyAccountUpdate,
  applyBusinessCapability,
  applyPhoneNumberQuality,
  applyTemplateCategory,
  applyTemplateQuality,
  applyTemplateStatus,
} from './apply-account';
import { applyMessage, type ApplyMessageDeps } from './apply-message';
import { applyUserPreference } from './apply-preferences';
import { applyStatus } from './apply-status';
import type { Effects } from './effects';
import type { StatusBatch } from './status-batch';

/** What the appliers of statuses, preferences and account fields need beyond messages'. */
export interface AccountDeps {
  /** Opt-outs WhatsApp reports are audited like any other. */
  audit: AuditLog;
  /** Reads the numbers from WhatsApp again (their rating after a quality webhook); none without WhatsApp. */
  refreshPhoneNumbers?: () => Promise<void>;
}

export type ApplyDeps = ApplyMessageDeps & AccountDeps;

/**
 * Applies the events of one delivery in the order Meta listed them. With a status batch, statuses are
 * collected into it (the caller flushes it at the end of its transaction).
 */
export async function applyEvents(
  m: EntityManager,
  events: WebhookEvent[],
  deps: ApplyDeps,
  effects: Effects,
  now: Date,
  statuses?: StatusBatch,
): Promise<void> {
  for (const event of events) {
    // Collected statuses go first: the other events may read what they change.
    if (event.kind !== 'status') await statuses?.flush(m);
    switch (event.kind) {
      case 'message':
        await applyMessage(m, event, deps, effects);
        break;
      case 'status':
        if (statuses) statuses.add(event.status);
        else await applyStatus(m, event.status, effects, now, deps.audit);
        break;
      case 'template_status':
        await applyTemplateStatus(m, event, effects, now);
        break;
      case 'template_quality':
        await applyTemplateQuality(m, event, effects, now);
        break;
      case 'template_category':
        await applyTemplateCategory(m, event, effects, now);
        break;
      case 'user_preference':
        await applyUserPreference(m, event, deps.contacts, deps.audit, effects, now);
        break;
      case 'business_capability':
        await applyBusinessCapability(m, event, effects, now);
        break;
      case 'phone_number_quality':
        await applyPhoneNumberQuality(m, event, effects, now, deps.refreshPhoneNumbers);
        break;
      case 'account_update':
        await applyAccountUpdate(m, event, effects, now);
        break;
      case 'error':
        await m.getRepository(AlertEntity).insert({
          kind: 'api_error',
          message: `WhatsApp reported error ${event.error.code}: ${event.error.title ?? event.error.message ?? ''}`,
          details: JSON.stringify(event.error),
          createdAt: now,
          dismissedAt: null,
        });
        effects.publish('alerts.changed', { kind: 'api_error', message: String(event.error.code) });
        break;
      case 'unknown':
        // Kept raw in the inbox; nothing to apply.
        break;
    }
  }
}
