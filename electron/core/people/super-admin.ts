import type { EntityManager } from 'typeorm';
import { UserEntity, type UserRow } from '../db/entities/user';
import type { ReadManager } from '../db/read-db';

/**
 * The one super admin: created at the first start from config.toml (bootstrap/), acting for the
 * CLI where nobody is signed in. Here because this folder owns `users` (issue 9).
 */

export function superAdminExists(m: ReadManager): Promise<boolean> {
  return m.getRepository(UserEntity).existsBy({ kind: 'super_admin' });
}

/** Throws when there is none: every started install has one (bootstrap/apply-config.ts). */
export function superAdmin(m: ReadManager): Promise<UserRow> {
  return m.getRepository(UserEntity).findOneByOrFail({ kind: 'super_admin' });
}

/**
 * Creates the super admin with a password they must change at the first sign-in (whoever wrote
 * config.toml knows it); returns the new id. In the caller's transaction, beside its audit entry.
 */
export async function createSuperAdmin(
  m: EntityManager,
  admin: Pick<UserRow, 'username' | 'name' | 'email' | 'phone' | 'passwordHash'>,
  at: Date,
): Promise<number> {
  const result = await m.getRepository(UserEntity).insert({
    ...admin,
    kind: 'super_admin',
    mustChangePassword: true,
    disabled: false,
    failedLogins: 0,
    lockedUntil: null,
    lastLoginAt: null,
    createdAt: at,
    updatedAt: at,
  });
  return result.identifiers[0]!.id as number;
}
