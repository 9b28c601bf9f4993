import { inboxNoticeTitle } from '@shared/inbox-notice';
import { defineRule } from './notice';

/**
 * A customer wrote (a new conversation, a message in one assigned to me, or in an unassigned one
 * while I am available), or a conversation was handed to me. The inbox's notifier chooses whom to
 * tell (`userIds`); the desktop notifier has already checked the event's access rule, which also
 * requires that this member may read the conversation now. One tag per conversation: a newer
 * message replaces the older notification instead of piling up.
 */
export const inboxMessage = defineRule({
  kind: 'inbox.message',
  on: 'inbox.notification',
  notice: (told, { who }) =>
    told.userIds.includes(who.userId)
      ? {
          title: inboxNoticeTitle(told),
          body: told.body,
          route: `/inbox/${told.conversationId}`,
          tag: `conversation-${told.conversationId}`,
        }
      : null,
});
