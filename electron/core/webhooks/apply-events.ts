import type { EntityManager } from 'typeorm';
import { AlertEntity } from '../db/entities/messaging';
import type { WebhookEvent } from '../whatsapp/webhooks';
import { applyAccountUpdate, applyPhoneNumberQuality, applyTemplateStatus } from './apply-account';
import { applyMessage, type ApplyMessageDeps } from './apply-message';
import { applyStatus } from './apply-status';
import type { Effects } from './effects';

/** Applies the events of one delivery in the order Meta listed them. */
export async function applyEvents(
  m: EntityManager,
  events: WebhookEvent[],
  deps: ApplyMessageDeps,
  effects: Effects,
  now: Date,
): Promise<void> {
  for (const event of events) {
    switch (event.kind) {
      case 'message':
        await applyMessage(m, event, deps, effects);
        break;
      case 'status':
        await applyStatus(m, event.status, effects, now);
        break;
      case 'template_status':
        await applyTemplateStatus(m, event, effects, now);
        break;
      case 'phone_number_quality':
        await applyPhoneNumberQuality(m, event, effects, now);
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
