import type { Core } from '../create-core';
import type { UnreadCounter } from './desktop-monitor';

/**
 * What the desktop shows that another domain computes. The shared inbox provides the unread count
 * here (one line: return its counter); until then the tray has no inbox line and the badge is empty.
 */
export function unreadCounter(_core: Core): UnreadCounter | null {
  return null;
}
