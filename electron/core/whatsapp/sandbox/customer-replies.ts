import type { SandboxContext } from './context';
import { receiveFromCustomer } from './customer-inbound';
import { chance } from './random';
import type { OutboundRecord, SandboxPhoneNumber } from './state';
import type { QuickReply } from './template-send-check';

const SMALL_TALK = [
  'Thanks!',
  'Is this available in blue?',
  'What time do you open tomorrow?',
  'Great, see you soon',
];

/**
 * After reading a message, a simulated customer may answer: by tapping a quick reply when there is
 * one, otherwise with a line of text, and now and then with STOP.
 */
export function scheduleCustomerReply(
  ctx: SandboxContext,
  record: OutboundRecord,
  number: SandboxPhoneNumber,
  quickReplies: readonly QuickReply[],
): void {
  const { customerReplies } = ctx.config();
  if (!chance(ctx.random, customerReplies.probability)) return;
  const optOut = chance(ctx.random, customerReplies.optOutProbability);
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(ctx.random() * items.length)];
  const tapped = pick(quickReplies);
  const common = { phoneNumberId: number.id, contextMessageId: record.id };
  ctx.scheduler.after(customerReplies.delayMs, () => {
    if (optOut) {
      receiveFromCustomer(ctx, record.waId, { type: 'text', text: 'STOP', ...common });
    } else if (tapped && record.type === 'template') {
      receiveFromCustomer(ctx, record.waId, {
        type: 'button',
        text: tapped.text,
        payload: tapped.payload,
        ...common,
      });
    } else if (tapped) {
      const reply = { kind: 'button_reply' as const, id: tapped.payload, title: tapped.text };
      receiveFromCustomer(ctx, record.waId, { type: 'interactive', reply, ...common });
    } else {
      receiveFromCustomer(ctx, record.waId, { type: 'text', text: pick(SMALL_TALK) ?? 'Thanks!', ...common });
    }
  });
}
