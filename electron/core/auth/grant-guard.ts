import { AppError } from '@shared/errors';
import { ALL_PERMISSIONS, type Permission } from '@shared/permissions';
import type { Actor } from './actor';

/**
 * Nobody hands out a permission they do not hold: not through a role they assign or edit, not by
 * making an admin, not through an API token. Otherwise a limited admin or a member who manages
 * members could make an account stronger than their own and sign in with it.
 */
export function assertMayGrant(actor: Actor, permissions: Iterable<string>, what: string): void {
  const beyond = [...new Set(permissions)].filter((p) => !actor.permissions.has(p as Permission));
  if (beyond.length) {
    throw new AppError(
      'FORBIDDEN',
      `You cannot ${what} with permissions you do not hold: ${beyond.sort().join(', ')}`,
    );
  }
}

/** What a new admin made by this actor must not hold: whatever the actor does not. */
export function permissionsBeyond(actor: Actor): Permission[] {
  return ALL_PERMISSIONS.filter((p) => !actor.permissions.has(p));
}
