import type { InboxNotification } from './types/conversations';

/** The title of an inbox notification, the same in a browser and in the desktop app's native one. */
export function inboxNoticeTitle(notification: Pick<InboxNotification, 'kind' | 'title'>): string {
  const customer = notification.title;
  switch (notification.kind) {
    case 'new_conversation':
      return `New conversation: ${customer}`;
    case 'new_message':
      return customer;
    case 'assigned_to_you':
      return `Assigned to you: ${customer}`;
  }
}

/**
 * Whether the page plays its chime for an inbox alert. In the desktop app a window that is not in
 * front gets a native notification instead, which makes its own sound (or not: the member's
 * desktop settings and "do not disturb" decide), so the chime would be a second sound.
 */
export function chimeWanted(state: {
  /** This computer's "play a sound" choice. */
  sound: boolean;
  /** Inside the desktop app (native notifications), not a browser tab. */
  desktopApp: boolean;
  /** The window is in front. */
  focused: boolean;
}): boolean {
  if (!state.sound) return false;
  return !state.desktopApp || state.focused;
}
