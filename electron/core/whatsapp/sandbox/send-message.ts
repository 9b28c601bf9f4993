import { z } from 'zod';
import { MESSAGING_LIMIT_TIERS } from '../client/types/account';
import type { SandboxContext } from './context';
import { graphErrors, type GraphErrorSpec } from './graph-errors';
import { newIds } from './random';
import { remember, type Customer, type OutboundRecord, type SandboxPhoneNumber } from './state';
import { scheduleStatuses, type SendFailure } from './status-simulator';
import { validateSend, type ValidSend } from './validate-send';

export type SendOutcome = { body: Record<string, unknown> } | { error: GraphErrorSpec };

const markReadSchema = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  status: z.literal('read'),
  message_id: z.string().min(1),
});

const ERRORS = {
  throughput: {
    code: 130429,
    subcode: 2494055,
    title: 'Rate limit hit',
    details: 'Cloud API message throughput has been reached.',
  },
  pairRate: {
    code: 131056,
    title: '(Business Account, Consumer Account) pair rate limit hit',
    details:
      'Message failed to send because there were too many messages sent from this phone number to the same ' +
      'phone number in a short period of time.',
  },
  reEngagement: {
    code: 131047,
    title: 'Re-engagement message',
    details:
      'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  },
  notOnWhatsApp: {
    code: 131026,
    title: 'Message undeliverable',
    details: 'Unable to deliver message: the recipient phone number is not a WhatsApp phone number.',
  },
  toSelf: {
    code: 131021,
    title: 'Recipient cannot be sender',
    details: 'Sender and recipient phone number is the same.',
  },
  heldBack: {
    code: 131049,
    title: 'This message was not delivered to maintain healthy ecosystem engagement.',
    details: 'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
  },
  optedOut: {
    code: 131050,
    title: 'Unable to deliver the message',
    details: 'This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.',
  },
} satisfies Record<string, GraphErrorSpec & SendFailure>;

/**
 * `POST /{phone-number-id}/messages`, in Meta's order: throughput, payload, the 24-hour window (sync
 * mode), pair rate, messaging limit; then 200 + wamid, and the statuses play out by webhook.
 */
export function sendMessage(ctx: SandboxContext, number: SandboxPhoneNumber, body: unknown): SendOutcome {
  if ((body as { status?: unknown } | null)?.status === 'read') return markRead(ctx, number, body);
  const now = ctx.clock.now();
  const { limits, customerServiceWindow } = ctx.config();
  if (limits.throughput && !ctx.limits.tryThroughput(number.id, number.throughputMps, now)) {
    return { error: ERRORS.throughput };
  }
  const validation = validateSend(body, ctx.state, number);
  if (!validation.ok) return { error: validation.error };
  const send = validation.send;
  if (send.waId === number.displayPhoneNumber) return { error: ERRORS.toSelf };
  const customer = ctx.state.customer(send.waId);
  const windowOpen = customerServiceWindow === 'off' || ctx.state.windowOpen(customer, number.id);
  const freeForm = send.type !== 'template';
  if (customer.onWhatsApp && freeForm && !windowOpen && customerServiceWindow === 'sync') {
    return { error: ERRORS.reEngagement };
  }
  const dailyLimit = dailyLimitOf(ctx);
  const countsTowardLimit = customer.onWhatsApp && !windowOpen && !freeForm && dailyLimit !== null;
  if (countsTowardLimit && !ctx.limits.daily.canAdmit(send.waId, now, dailyLimit)) {
    return { error: messagingLimitError(ctx, dailyLimit) };
  }
  if (!pairRateAllows(ctx, number, send.waId, now)) return { error: ERRORS.pairRate };
  if (countsTowardLimit) ctx.limits.daily.admit(send.waId, now);

  const record = recordSend(ctx, number, send, now);
  scheduleStatuses(ctx, {
    record,
    number,
    windowOpen,
    quickReplies: send.quickReplies,
    failure: failureOf(customer, send, windowOpen),
  });
  const paced = send.template?.category === 'MARKETING';
  return {
    body: {
      messaging_product: 'whatsapp',
      // Named by user id, Meta answers with it and keeps the hidden number to itself.
      contacts: [
        send.userId ? { input: send.to, user_id: send.userId } : { input: send.to, wa_id: send.waId },
      ],
      messages: [{ id: record.id, ...(paced ? { message_status: 'accepted' } : {}) }],
    },
  };
}

/** Accepted with 200, failed later by webhook: what Meta does for these (reference §8, §9). */
function failureOf(customer: Customer, send: ValidSend, windowOpen: boolean): SendFailure | null {
  if (!customer.onWhatsApp) return ERRORS.notOnWhatsApp;
  if (send.type !== 'template' && !windowOpen) return ERRORS.reEngagement;
  if (send.template?.category === 'MARKETING' && customer.optedOut) return ERRORS.optedOut;
  if (send.template?.category === 'MARKETING' && customer.marketingHeld) return ERRORS.heldBack;
  return null;
}

function recordSend(
  ctx: SandboxContext,
  number: SandboxPhoneNumber,
  send: ValidSend,
  now: number,
): OutboundRecord {
  const template = send.template;
  const record: OutboundRecord = {
    id: newIds.wamid(),
    phoneNumberId: number.id,
    to: send.to,
    waId: send.waId,
    type: send.type,
    template: template
      ? { name: template.name, language: template.language, category: template.category }
      : null,
    status: 'accepted',
    errors: [],
    bizOpaqueCallbackData: send.bizOpaqueCallbackData,
    acceptedAt: now,
    payload: send.payload,
  };
  remember(ctx.state.outbound, record.id, record);
  return record;
}

function pairRateAllows(ctx: SandboxContext, number: SandboxPhoneNumber, waId: string, now: number): boolean {
  const pairRate = ctx.config().limits.pairRate;
  return (
    !pairRate || ctx.limits.pairs.tryTake(`${number.id}:${waId}`, now, pairRate.burst, pairRate.intervalMs)
  );
}

/** The limit in force: a number set in the config, the portfolio's tier, or none. */
function dailyLimitOf(ctx: SandboxContext): number | null {
  const setting = ctx.config().limits.dailyUniqueRecipients;
  if (setting === false) return null;
  if (setting !== 'tier') return setting;
  const tier = ctx.state.business.messagingLimitTier as keyof typeof MESSAGING_LIMIT_TIERS;
  return MESSAGING_LIMIT_TIERS[tier] ?? null;
}

/** Meta does not document the code for this (reference §7); 131048 is the closest it uses. */
function messagingLimitError(ctx: SandboxContext, limit: number): GraphErrorSpec {
  return {
    code: 131048,
    title: 'Spam rate limit hit',
    details:
      `Message failed to send because this business reached its messaging limit of ${limit} unique customers ` +
      `outside a customer service window in 24 hours (${ctx.state.business.messagingLimitTier}).`,
  };
}

function markRead(ctx: SandboxContext, number: SandboxPhoneNumber, body: unknown): SendOutcome {
  const parsed = markReadSchema.safeParse(body);
  if (!parsed.success)
    return { error: graphErrors.invalidParameter('messaging_product and message_id are required') };
  const inbound = ctx.state.inbound.get(parsed.data.message_id);
  if (!inbound || inbound.phoneNumberId !== number.id) {
    return {
      error: graphErrors.invalidParameter(
        `message_id: no message ${parsed.data.message_id} was received by this number`,
      ),
    };
  }
  // Like WhatsApp, reading one message reads everything the customer sent this number before it.
  for (const other of ctx.state.inbound.values()) {
    if (
      other.from === inbound.from &&
      other.phoneNumberId === number.id &&
      other.receivedAt <= inbound.receivedAt
    ) {
      other.read = true;
    }
  }
  const typing = (body as { typing_indicator?: { type?: unknown } }).typing_indicator;
  if (typing?.type === 'text') inbound.typingAt = ctx.clock.now();
  return { body: { success: true } };
}
