import type { EntityManager } from 'typeorm';
import type { AuditLog } from '../audit/audit-log';
import { campaignChangedEvent } from '../campaigns/campaign-transition';
import { assigneesOf } from '../conversations/conversation-rows';
import {
  messagesByClientRef,
  messagesByWamid,
  writeStatusChangesTogether,
  type StatusChange,
  type StatusTarget,
} from '../messaging/message-status-rows';
import { recordStatusEvents, statusesRecorded, type StatusEventInput } from '../messaging/status-history';
import { PricingTally, pricingOf, type MessagePricing } from '../pricing/record-pricing';
import type { StatusUpdate } from '../whatsapp/webhooks';
import { applyStatus, decideStatus } from './apply-status';
import type { Effects } from './effects';
import { applyStatusConsequences } from './status-consequences';

/**
 * The statuses of a chunk of deliveries applied together, with the outcome applyStatus gives them one
 * by one (a test compares the two). Applied one by one, a status cost five or six statements, each a
 * trip to SQLite's thread: finding its message, its history row, its update, the message's assignee.
 * Together: one lookup of all their messages, one look at their histories, their new history rows
 * fifty a statement, and one UPDATE … FROM (VALUES …) per set of changed columns, each message's
 * statuses folded into one change (the counters' triggers count states, not steps, so sent → delivered
 * → read in one update counts as the three would). A message's first pricing is counted with the
 * chunk's (PricingTally) and written with its other columns; pricing it again and consent
 * (status-consequences.ts) run status by status as before; a status that prices a message again
 * reads when it was first priced from the history, so the history rows before it are written first.
 *
 * Statuses are collected in delivery order with `add`; `flush` applies them, and must run before any
 * other kind of event is applied in the same transaction (apply-events.ts does).
 */
export class StatusBatch {
  private pending: StatusUpdate[] = [];

  constructor(
    private readonly effects: Effects,
    private readonly now: Date,
    private readonly audit: AuditLog,
  ) {}

  add(update: StatusUpdate): void {
    this.pending.push(update);
  }

  async flush(m: EntityManager): Promise<void> {
    const updates = this.pending;
    this.pending = [];
    if (updates.length === 1) return applyStatus(m, updates[0]!, this.effects, this.now, this.audit);
    if (!updates.length) return;

    const targets = await this.targetsOf(m, updates);
    const recorded = await statusesRecorded(
      m,
      [...targets.values()].map((t) => t.id),
    );
    let history: StatusEventInput[] = [];
    const writeHistory = async () => {
      await recordStatusEvents(m, history, this.now);
      history = [];
    };
    const changed = new Map<number, StatusChange>();
    const told: Pick<StatusTarget, 'id' | 'conversationId' | 'campaignId' | 'status'>[] = [];
    const settledCampaigns = new Set<number>();
    const firstPricings = new PricingTally();

    for (const update of updates) {
      const target =
        targets.get(update.messageId) ??
        (update.bizOpaqueCallbackData ? targets.get(ref(update.bizOpaqueCallbackData)) : undefined);
      if (!target || target.direction !== 'out') continue;
      const decision = decideStatus(target, update);
      const key = `${target.id} ${decision.history.status}`;
      const isNew = !recorded.has(key);
      let { changes } = decision;
      if (isNew) {
        recorded.add(key);
        history.push(decision.history);
        const pricing = pricingOf(update.pricing);
        const first = pricing !== null && !priced(target);
        const again = pricing !== null && repriced(target, pricing);
        if (first) firstPricings.add(target, pricing, new Date(update.timestamp * 1000));
        // Priced before, differently: recordPricing reads when it was first priced from the history.
        if (again) await writeHistory();
        // A first pricing is counted with the chunk's above; consent and repricing are applied here.
        const consequences = first ? { ...update, pricing: null } : update;
        await applyStatusConsequences(
          m,
          { ...target },
          consequences,
          decision.forward,
          this.audit,
          this.effects,
        );
        if (pricing && (first || again)) {
          // The row keeps the latest pricing, written with its other columns below.
          changes = {
            ...changes,
            pricingCategory: pricing.category,
            pricingType: pricing.type,
            pricingBillable: pricing.billable,
          };
        }
        if (pricing) {
          target.pricingCategory = pricing.category;
          target.pricingType = pricing.type;
          target.pricingBillable = pricing.billable;
        }
      }
      if (Object.keys(changes).length === 0 && !isNew) continue;
      if (target.status === 'unconfirmed' && changes.status && target.campaignId !== null && !target.isTest)
        settledCampaigns.add(target.campaignId);
      if (changes.waMessageId) {
        target.waMessageId = changes.waMessageId;
        targets.set(changes.waMessageId, target);
      }
      if (changes.status) target.status = changes.status;
      if (changes.sentAt) target.sentAt = changes.sentAt;
      if (changes.deliveredAt) target.deliveredAt = changes.deliveredAt;
      if (changes.readAt) target.readAt = changes.readAt;
      changed.set(target.id, { ...changed.get(target.id), ...changes });
      told.push({
        id: target.id,
        conversationId: target.conversationId,
        campaignId: target.campaignId,
        status: target.status,
      });
    }
    await writeHistory();
    await firstPricings.write(m);
    await writeStatusChangesTogether(
      m,
      [...changed].map(([id, changes]) => ({ id, changes })),
    );

    // Any change tells open windows, as applyStatus does, each message with its assignee.
    const assignees = await assigneesOf(
      m,
      told.map((t) => t.conversationId),
    );
    for (const message of told) {
      this.effects.publish('messages.changed', {
        messageId: message.id,
        conversationId: message.conversationId,
        assignedUserId:
          message.conversationId === null ? null : (assignees.get(message.conversationId) ?? null),
        campaignId: message.campaignId,
        status: message.status,
      });
    }
    for (const campaignId of settledCampaigns) {
      const event = await campaignChangedEvent(m, campaignId);
      if (event) this.effects.publish('campaigns.changed', event);
    }
  }

  /**
   * The statuses' messages, keyed by wamid and by `ref(…)` of the reference we sent. A message is one
   * object under both keys, so its statuses see each other's changes.
   */
  private async targetsOf(
    m: EntityManager,
    updates: readonly StatusUpdate[],
  ): Promise<Map<string, StatusTarget>> {
    const byWamid = await messagesByWamid(
      m,
      updates.map((u) => u.messageId),
    );
    const missing = updates.filter((u) => !byWamid.has(u.messageId) && u.bizOpaqueCallbackData);
    const byRef = await messagesByClientRef(
      m,
      missing.map((u) => u.bizOpaqueCallbackData!),
    );
    const byId = new Map<number, StatusTarget>();
    const one = (t: StatusTarget) => byId.get(t.id) ?? (byId.set(t.id, t), t);
    const targets = new Map<string, StatusTarget>();
    for (const [wamid, target] of byWamid) targets.set(wamid, one(target));
    for (const [clientRef, target] of byRef) targets.set(ref(clientRef), one(target));
    return targets;
  }
}

/** Priced before, as recordPricing tells it: a category and a type kept on the message. */
function priced(target: StatusTarget): boolean {
  return Boolean(target.pricingCategory && target.pricingType);
}

function repriced(target: StatusTarget, pricing: MessagePricing): boolean {
  if (!priced(target)) return false;
  return (
    target.pricingCategory !== pricing.category ||
    target.pricingType !== pricing.type ||
    Boolean(target.pricingBillable) !== pricing.billable
  );
}

/** A reference's key beside the wamids (a wamid never starts with a space). */
const ref = (clientRef: string) => ` ref ${clientRef}`;
