import type { SandboxContext } from './context';
import { receiveFromCustomer, type CustomerMessage } from './customer-inbound';

/** Time between two messages of the showcase, so they arrive (and are shown) in order. */
const STEP_MS = 250;

/**
 * A demo customer writes one message of every inbound type the inbox shows: text, photo, document,
 * voice note, location, contact card, a template's quick-reply button, a sticker, a reaction, an
 * edit, a deletion and a type Cloud API cannot pass on. For showing the inbox (and testing it)
 * without a Meta account. Returns the wamids in order, as they will arrive.
 */
export function showcase(ctx: SandboxContext, waId: string, phoneNumberId?: string): string[] {
  const common = { ...(phoneNumberId ? { phoneNumberId } : {}) };
  const sent: string[] = [];
  const steps: ((previous: string[]) => CustomerMessage | null)[] = [
    () => ({ type: 'text', text: 'Hi! Do you have the linen shirt in blue? 👕' }),
    () => ({ type: 'image', caption: 'Like this one' }),
    () => ({ type: 'document', caption: 'My last invoice' }),
    () => ({ type: 'audio' }),
    () => ({
      type: 'location',
      latitude: 51.5074,
      longitude: -0.1278,
      name: 'Trafalgar Sq shop',
      address: 'London WC2N 5DN',
    }),
    () => ({
      type: 'contacts',
      contacts: [{ name: 'Lucía Gómez', phone: '+1 (983) 555-2319', company: 'Gómez Tailoring' }],
    }),
    () => ({ type: 'button', text: 'Yes, please', payload: 'YES' }),
    () => ({ type: 'sticker' }),
    (done) => {
      const ours = [...ctx.state.outbound.values()].filter((m) => m.waId === waId).pop();
      return { type: 'reaction', messageId: ours?.id ?? done[1]!, emoji: '👍' };
    },
    (done) => ({
      type: 'edit',
      messageId: done[0]!,
      text: 'Hi! Do you have the linen shirt in blue, size M? 👕',
    }),
    () => ({ type: 'text', text: 'oops, wrong chat' }),
    (done) => ({ type: 'revoke', messageId: done[10]! }),
    () => ({ type: 'unsupported', unsupportedType: 'poll' }),
  ];
  steps.forEach((step, index) => {
    ctx.scheduler.after(STEP_MS * index, () => {
      const message = step(sent);
      if (!message) return;
      const result = receiveFromCustomer(ctx, waId, { ...message, ...common });
      sent[index] = result.ok ? result.id : '';
    });
  });
  return sent;
}
