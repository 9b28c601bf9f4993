import type { CoreEventName, CoreEvents } from '@shared/events';
import type { Permission } from '@shared/permissions';

/** Who a window belongs to, as far as deciding what it may hear. */
export interface Audience {
  userId: number;
  permissions: ReadonlySet<Permission>;
}

type Rule<N extends CoreEventName> = (payload: CoreEvents[N], who: Audience) => boolean;

const holds =
  (permission: Permission): Rule<CoreEventName> =>
  (_payload, who) =>
    who.permissions.has(permission);

/** A conversation is read by those who read all, or by its assignee, or by anyone allowed when unassigned. */
export function mayReadConversation(who: Audience, assignedUserId: number | null): boolean {
  if (who.permissions.has('conversations.read_all')) return true;
  if (!who.permissions.has('conversations.read_assigned')) return false;
  return assignedUserId === null || assignedUserId === who.userId;
}

/**
 * The rule for each event: an event reaches a window only when its user may read what the event
 * describes. A new event name without a rule does not compile.
 */
export const EVENT_ACCESS: { [N in CoreEventName]: Rule<N> } = {
  // Everyone signed in: their own permissions may be what changed.
  'people.changed': () => true,
  // Everyone signed in: dates, times and the title bar follow the organization.
  'organization.changed': () => true,
  // Always addressed to the sessions it ends.
  'session.ended': () => true,
  'contacts.changed': holds('contacts.read'),
  'lists.changed': holds('lists.read'),
  'import.progress': holds('contacts.import'),
  'conversations.changed': (payload, who) =>
    mayReadConversation(who, payload.assignedUserId) ||
    (payload.previousAssignedUserId !== undefined &&
      mayReadConversation(who, payload.previousAssignedUserId)),
  // Addressed to the members chosen by the notifier, and only while they may read the conversation.
  'inbox.notification': (payload, who) =>
    payload.userIds.includes(who.userId) && mayReadConversation(who, payload.assignedUserId),
  'messages.changed': (payload, who) => {
    // A campaign's messages (test sends too) are followed on its page, which shows each one's status
    // anyway; the event carries ids and the status only, never the text.
    if (payload.campaignId !== null && who.permissions.has('campaigns.read')) return true;
    if (payload.conversationId !== null) return mayReadConversation(who, payload.assignedUserId);
    return who.permissions.has('conversations.read_all');
  },
  'templates.changed': holds('templates.read'),
  'alerts.changed': holds('settings.read'),
  'tunnel.status': holds('settings.read'),
  'campaigns.changed': holds('campaigns.read'),
  'campaigns.progress': holds('campaigns.read'),
  'webhooks.failed': holds('settings.read'),
  'connectivity.changed': holds('settings.read'),
  'media.changed': holds('media.read'),
  'phoneNumbers.changed': holds('settings.read'),
};

export function mayReceive<N extends CoreEventName>(name: N, payload: CoreEvents[N], who: Audience): boolean {
  return (EVENT_ACCESS[name] as Rule<N>)(payload, who);
}
