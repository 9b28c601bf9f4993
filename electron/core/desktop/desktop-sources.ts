import type { Core } from '../create-core';
import type { UnreadCounter } from './desktop-monitor';

/**
 * What the desktop shows that another domain computes: the tray's inbox line and the dock/taskbar
 * badge count the conversations with unread messages that the signed-in member may read, as the
 * inbox's own "All" view counts them.
 */
export function unreadCounter(core: Core): UnreadCounter {
  return { unreadFor: (who) => core.services.conversations.unreadFor(who) };
}
