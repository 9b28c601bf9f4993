import type { EntityManager } from 'typeorm';
import type { AuditLog } from '../audit/audit-log';
import { campaignChangedEvent } from '../campaigns/campaign-transition';
import {
  messageForStatus,
  writeStatusChanges,
  type StatusChange,
  type StatusTarget,
} from '../messaging/message-status-rows';
import { recordStatusEvent, type StatusEventInput } from '../messaging/status-history';
import type { StatusUpdate } from '../whatsapp/webhooks';
import type { Effects } from './effects';
import { movesForward, normalise } from './status-order';
import { messageChanged } from '../messaging/message-event';
import { applyStatusConsequences } from './status-consequences';

/**
 * Moves our message forward to what Meta reports, and adds the report to the message's status
 * history. Matched by the wamid, else by the biz_opaque_callback_data we sent (a status can arrive
 * before the send call returned its wamid). Timestamps are kept even when the status itself may not
 * move back (a late `delivered` after `read` still records when it was delivered). A `failed` that
 * comes after the message was delivered or read is kept in the history only: the message's error
 * fields describe a message whose status is `failed`, never one that reads as read. Unknown
 * messages are ignored: not ours, or deleted since.
 */
export async function applyStatus(
  m: EntityManager,
  update: StatusUpdate,
  effects: Effects,
  now: Date,
  audit: AuditLog,
): Promise<void> {
  const message = await messageForStatus(m, update.messageId, update.bizOpaqueCallbackData);
  if (!message || message.direction !== 'out') return;

  const { history, changes, forward } = decideStatus(message, update);
  const recorded = await recordStatusEvent(m, history, now);
  // Pricing, and what 131050 / 131049 mean for the customer (status-consequences.ts).
  if (recorded) await applyStatusConsequences(m, message, update, forward, audit, effects);
  if (Object.keys(changes).length === 0 && !recorded) return;
  if (Object.keys(changes).length) await writeStatusChanges(m, message.id, changes);
  // Any change tells open windows, even one that does not move the status (a late delivery time).
  effects.publish(
    'messages.changed',
    await messageChanged(m, { ...message, status: changes.status ?? message.status }),
  );
  // The campaign's unconfirmed figures (and its warning) change when WhatsApp settles such a row.
  if (message.status === 'unconfirmed' && changes.status && message.campaignId !== null && !message.isTest) {
    const event = await campaignChangedEvent(m, message.campaignId);
    if (event) effects.publish('campaigns.changed', event);
  }
}

/** What a status report adds to a message's history and changes on the message as it stands. */
export interface StatusDecision {
  history: StatusEventInput;
  changes: StatusChange;
  /** The report moves the message's status forward (a failure then applies to it). */
  forward: boolean;
}

/** The rules above, without the database: applyStatus and the status batch both follow them. */
export function decideStatus(message: StatusTarget, update: StatusUpdate): StatusDecision {
  const at = new Date(update.timestamp * 1000);
  const status = normalise(update.status);
  const error = status === 'failed' ? update.errors[0] : undefined;
  const history: StatusEventInput = {
    messageId: message.id,
    status,
    at,
    errorCode: error?.code ?? null,
    errorTitle: error?.title ?? error?.message ?? null,
    errorDetails: error?.details ?? null,
    pricingBillable: update.pricing?.billable ?? null,
    pricingModel: update.pricing?.pricingModel ?? null,
    pricingCategory: update.pricing?.category ?? null,
    pricingType: update.pricing?.type ?? null,
  };

  const forward = movesForward(message.status, update.status);
  const changes: StatusChange = {};
  if (!message.waMessageId) changes.waMessageId = update.messageId;
  if (status === 'sent' && !message.sentAt) changes.sentAt = at;
  if (status === 'delivered' && !message.deliveredAt) changes.deliveredAt = at;
  if (status === 'read' && !message.readAt) changes.readAt = at;
  if (forward) {
    changes.status = status;
    if (message.status === 'unconfirmed') changes.unconfirmedAt = null;
    if (status === 'failed') {
      changes.failedAt = at;
      changes.errorCode = error?.code ?? null;
      changes.errorTitle = error?.title ?? error?.message ?? null;
      changes.errorDetails = error?.details ?? null;
    } else if (message.status === 'failed') {
      // Reported failed, then delivered after all: the failure stays in the history only.
      Object.assign(changes, { failedAt: null, errorCode: null, errorTitle: null, errorDetails: null });
    } else if (message.status === 'unconfirmed') {
      // Settled: why it was unconfirmed (a timeout) is no longer an error of the message.
      Object.assign(changes, { errorCode: null, errorTitle: null, errorDetails: null });
    }
  }
  return { history, changes, forward };
}
