import type { Actor } from '../auth/actor';
import { UserEntity } from '../db/entities/user';
import type { ReadManager } from '../db/read-db';
import type { Audience } from '../events/event-access';
import { loadPermissions } from './user-directory';

/**
 * A user as an actor without a session: who the desktop app's notifications and tray are for
 * (the user who last signed in on this computer), with their permissions as they are now. Null for
 * an unknown or disabled user, who is told nothing and may do nothing.
 */
export async function actorOfUser(
  manager: ReadManager,
  userId: number,
  rbacEnabled: boolean,
): Promise<Actor | null> {
  const user = await manager.getRepository(UserEntity).findOneBy({ id: userId });
  if (!user || user.disabled) return null;
  const permissions = new Set(await loadPermissions(manager, user, rbacEnabled));
  return { user, sessionId: null, permissions };
}

export function audienceOf(actor: Actor): Audience {
  return { userId: actor.user.id, permissions: actor.permissions };
}
