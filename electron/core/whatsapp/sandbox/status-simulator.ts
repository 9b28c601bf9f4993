import type { SandboxContext } from './context';
import { scheduleCustomerReply } from './customer-replies';
import { chance } from './random';
import type { OutboundRecord, OutboundStatus, SandboxPhoneNumber } from './state';
import type { QuickReply } from './template-send-check';
import { statusPayload, type StatusWebhook } from './webhook-payloads';

export interface SendFailure {
  code: number;
  title: string;
  details: string;
}

/** The facts about an accepted send that decide its statuses and their pricing. */
export interface AcceptedSend {
  record: OutboundRecord;
  number: SandboxPhoneNumber;
  /** Whether a service window was open when it was sent: free, `service`-priced replies. */
  windowOpen: boolean;
  quickReplies: QuickReply[];
  /** Set when the send is accepted with 200 but will fail (131047, 131026, 131050). */
  failure: SendFailure | null;
}

const OUT_OF_ORDER_GAP_MS = 500;

const RANK: Record<OutboundStatus, number> = { accepted: 0, sent: 1, delivered: 2, read: 3, failed: 4 };

/**
 * Plays out what happens to a message after the 200: `sent`, then `delivered` and `read` with the
 * configured delays and odds, or one `failed`. The out-of-order fault sends `read` before `delivered`.
 */
export function scheduleStatuses(ctx: SandboxContext, send: AcceptedSend): void {
  const { statuses, faults } = ctx.config();
  if (send.failure) {
    const failure = send.failure;
    ctx.scheduler.after(statuses.sentDelayMs, () => emit(ctx, send, 'failed', failure));
    return;
  }
  ctx.scheduler.after(statuses.sentDelayMs, () => emit(ctx, send, 'sent'));
  if (!chance(ctx.random, statuses.deliveredProbability)) return;
  const willBeRead = chance(ctx.random, statuses.readProbability);
  let deliveredAt = statuses.deliveredDelayMs;
  let readAt = Math.max(statuses.readDelayMs, deliveredAt);
  if (willBeRead && chance(ctx.random, faults.outOfOrderWebhook)) {
    // Swapped, and half a second apart, so `read` reaches the callback first even on a busy machine
    // (webhooks are posted concurrently: 5 ms apart, a loaded machine delivered them in order).
    [deliveredAt, readAt] = [readAt + OUT_OF_ORDER_GAP_MS, deliveredAt];
  }
  ctx.scheduler.after(deliveredAt, () => emit(ctx, send, 'delivered'));
  if (!willBeRead) return;
  ctx.scheduler.after(readAt, () => {
    emit(ctx, send, 'read');
    scheduleCustomerReply(ctx, send.record, send.number, send.quickReplies);
  });
}

function emit(
  ctx: SandboxContext,
  send: AcceptedSend,
  status: StatusWebhook['status'],
  failure?: SendFailure,
) {
  const { record, number } = send;
  const customer = ctx.state.customer(record.waId);
  // The sandbox's own record only moves forward, whatever order the webhooks take.
  if (RANK[status] > RANK[record.status]) record.status = status;
  if (failure) record.errors.push({ code: failure.code, title: failure.title });
  const category = record.template?.category.toLowerCase() ?? 'service';
  const priced = status === 'sent' || status === 'delivered';
  const payload = statusPayload({
    wabaId: ctx.state.business.id,
    number,
    messageId: record.id,
    status,
    timestamp: ctx.clock.nowSeconds(),
    // A customer who hides their number is named by user id only (reference §10).
    recipientId: customer.hidesNumber ? null : record.waId,
    recipientUserId: customer.userId,
    bizOpaqueCallbackData: record.bizOpaqueCallbackData,
    pricing: priced ? { type: send.windowOpen ? 'free_customer_service' : 'regular', category } : null,
    conversation:
      priced && apiMajorVersion(ctx.apiVersion) < 24
        ? {
            id: conversationId(number.id, record.waId),
            originType: category,
            expiresAt: ctx.clock.nowSeconds() + 86_400,
          }
        : null,
    error: failure ?? null,
  });
  ctx.webhooks.send(payload, `status:${status} ${record.id}`);
}

/** Webhook version v24.0 and later leave `conversation` out (reference §6). */
function apiMajorVersion(version: string): number {
  return Number(/^v(\d+)/.exec(version)?.[1] ?? 0);
}

function conversationId(phoneNumberId: string, waId: string): string {
  return Buffer.from(`${phoneNumberId}:${waId}`).toString('hex').slice(0, 32);
}
