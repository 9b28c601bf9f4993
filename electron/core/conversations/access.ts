import { AppError } from '@shared/errors';
import type { Actor } from '../auth/actor';
import { mayReadConversation, type Audience } from '../events/event-access';

/** Who reads the inbox, as far as deciding which conversations they see. */
export interface InboxViewer extends Audience {
  readsAll: boolean;
}

export function viewerOf(actor: Actor): InboxViewer {
  return {
    userId: actor.user.id,
    permissions: actor.permissions,
    readsAll: actor.permissions.has('conversations.read_all'),
  };
}

/**
 * The same rule the events use (events/event-access.ts): everything with read_all; with
 * read_assigned, one's own and unassigned conversations. A conversation out of reach is reported
 * as not found, so its existence is not given away.
 */
export function assertMayRead(
  viewer: InboxViewer,
  conversation: { id: number; assignedUserId: number | null },
) {
  if (!mayReadConversation(viewer, conversation.assignedUserId)) {
    throw new AppError('NOT_FOUND', `No conversation with id ${conversation.id}`);
  }
}

/** The list's SQL form of that rule, over `conversations c`. */
export function scopeCondition(viewer: InboxViewer): { sql: string; params: unknown[] } {
  if (viewer.readsAll) return { sql: '1 = 1', params: [] };
  return { sql: '(c.assigned_user_id IS NULL OR c.assigned_user_id = ?)', params: [viewer.userId] };
}
