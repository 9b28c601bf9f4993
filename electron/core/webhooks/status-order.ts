import type { MessageStatus } from '../db/entities/messaging';

/**
 * A status only moves forward: queued → sending → sent → delivered → read. `played` (voice) counts
 * as read. `failed` ends a message that was not yet delivered; a late `failed` never undoes a
 * delivery, and a late `delivered` never overwrites `read`.
 */
const RANK: Record<Exclude<MessageStatus, 'received'>, number> = {
  queued: 0,
  sending: 1,
  unconfirmed: 1,
  sent: 2,
  failed: 3,
  delivered: 4,
  read: 5,
};

export type WebhookStatus = 'sent' | 'delivered' | 'read' | 'played' | 'failed';

export function normalise(
  status: WebhookStatus,
): Exclude<MessageStatus, 'received' | 'queued' | 'sending' | 'unconfirmed'> {
  return status === 'played' ? 'read' : status;
}

export function movesForward(current: MessageStatus, next: WebhookStatus): boolean {
  if (current === 'received') return false;
  const to = normalise(next);
  if (current === 'failed') return to === 'delivered' || to === 'read';
  return RANK[to] > RANK[current];
}
