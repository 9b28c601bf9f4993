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
