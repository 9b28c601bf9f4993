import type { Permission } from '@shared/permissions';
import type { UserRow } from '../db/entities/user';

/** Who is calling: the signed-in user, the session they call from and what they hold. */
export interface Actor {
  user: UserRow;
  sessionId: string | null;
  permissions: ReadonlySet<Permission>;
}

export function isAdminOrAbove(actor: Actor): boolean {
  return actor.user.kind === 'admin' || actor.user.kind === 'super_admin';
}
