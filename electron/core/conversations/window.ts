import { AppError } from '@shared/errors';
import type { ServiceWindow } from '@shared/types/conversations';

/** The customer service window: 24 hours from the customer's last message (reference §9). */
export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * `conversations.last_inbound_at` is NOT NULL (migration 0004); a conversation an agent started
 * with a template, before the customer ever wrote, holds the epoch there. This is the one place
 * that reading is decided.
 */
export const NEVER_WROTE = new Date(0);

export function customerWrote(lastInboundAt: Date): boolean {
  return lastInboundAt.getTime() > NEVER_WROTE.getTime();
}

export function windowOf(lastInboundAt: Date, now: Date): ServiceWindow {
  if (!customerWrote(lastInboundAt)) return { open: false, closesAt: null };
  const closesAt = lastInboundAt.getTime() + SERVICE_WINDOW_MS;
  return { open: now.getTime() < closesAt, closesAt: new Date(closesAt).toISOString() };
}

/**
 * Refuses a free-form message outside the window with WINDOW_CLOSED and the time it closed, so
 * people and integrations alike know a template is what can go.
 */
export function assertWindowOpen(lastInboundAt: Date | null, now: Date): void {
  const window = lastInboundAt ? windowOf(lastInboundAt, now) : { open: false, closesAt: null };
  if (window.open) return;
  const message = window.closesAt
    ? `The 24-hour customer service window closed on ${window.closesAt}: only an approved template may be sent until the customer writes again`
    : 'The customer has never written: only an approved template may be sent';
  throw new AppError('WINDOW_CLOSED', message, { windowClosedAt: window.closesAt });
}
