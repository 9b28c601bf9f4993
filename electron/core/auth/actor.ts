import type { Permission } from '@shared/permissions';
import type { UserRow } from '../db/entities/user';

/** Who is calling: the signed-in user, the session they call from and what they hold. */
export interface Actor {
  user: UserRow;
  sessionId: string | null;
  permissions: ReadonlySet<Permission>;
  /** Set when the call came with an API token rather than a signed-in window. */
  apiTokenId?: number;
}

export function isAdminOrAbove(actor: Actor): boolean {
  return actor.user.kind === 'admin' || actor.user.kind === 'super_admin';
}
