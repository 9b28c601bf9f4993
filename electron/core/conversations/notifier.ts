import type { InboxNotification, InboxNotificationKind } from '@shared/types/conversations';
import { contactDisplayName } from '@shared/contact-display';
import { contactById } from '../contacts/contact-lookup';
import type { InboundHook } from '../webhooks/apply-message';
import type { InboxMember, InboxMembers } from './inbox-members';
import { inboundText } from './inbound-text';
import { previewOf } from './preview';

/** Who may read a conversation with this assignee (the rule of events/event-access.ts). */
function mayRead(member: InboxMember, assignedUserId: number | null): boolean {
  return (
    member.readsAll || (member.readsAssigned && (assignedUserId === null || assignedUserId === member.userId))
  );
}

/**
 * Who is told of a customer's message, decided in one place for the browser and the desktop app:
 * - in a conversation assigned to someone: that member, available or not (it is theirs);
 * - in a new or unassigned conversation: every available member who may read it and reply.
 */
export function recipientsForInbound(
  members: readonly InboxMember[],
  conversation: { created: boolean; assignedUserId: number | null },
): { kind: InboxNotificationKind; userIds: number[] } {
  if (conversation.assignedUserId !== null) {
    const assignee = members.find((m) => m.userId === conversation.assignedUserId);
    return { kind: 'new_message', userIds: assignee ? [assignee.userId] : [] };
  }
  return {
    kind: conversation.created ? 'new_conversation' : 'new_message',
    userIds: members.filter((m) => m.available && m.replies && mayRead(m, null)).map((m) => m.userId),
  };
}

/** A conversation handed to someone by someone else: the new assignee is told. */
export function recipientsForAssignment(assigneeId: number | null, byUserId: number | null): number[] {
  return assigneeId !== null && assigneeId !== byUserId ? [assigneeId] : [];
}

/**
 * The inbound hook that publishes `inbox.notification` after the message commits. It runs after
 * the auto-reply hook, so the assignee it reads is the one in force.
 */
export function inboxNotificationHook(members: InboxMembers): InboundHook {
  return async (m, inbound, effects) => {
    const [conversation] = (await m.query(
      'SELECT assigned_user_id AS assignedUserId FROM conversations WHERE id = ?',
      [inbound.conversationId],
    )) as { assignedUserId: number | null }[];
    const assignedUserId = conversation?.assignedUserId ?? null;
    const { kind, userIds } = recipientsForInbound(await members.list(m), {
      created: inbound.conversationCreated,
      assignedUserId,
    });
    if (!userIds.length) return;
    const contact = await contactById(m, inbound.contactId);
    const notification: InboxNotification = {
      kind,
      conversationId: inbound.conversationId,
      assignedUserId,
      userIds,
      title: contact ? contactDisplayName(contact) : `+${inbound.waId}`,
      body: previewOf({
        type: inbound.message.type,
        text: inboundText(inbound.message),
        deletedAt: null,
        payload: JSON.stringify(inbound.message),
      }),
      at: inbound.at.toISOString(),
    };
    effects.publish('inbox.notification', notification);
  };
}
