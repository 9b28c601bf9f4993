import type { EntityManager } from 'typeorm';
import { UserEntity, type UserRow } from '../db/entities/user';
import type { ReadManager } from '../db/read-db';

/**
 * Sign-in names and passwords, for auth/ and the CLI: this folder owns `users` (issue 9). Writes take
 * the caller's transaction, so a password, its audit entry and the sessions it ends commit together.
 */

/** The member a sign-in name belongs to: username or email, already trimmed and lower-cased. */
export function userBySignInName(m: ReadManager, key: string): Promise<UserRow | null> {
  return m.getRepository(UserEntity).findOne({ where: [{ username: key }, { email: key }] });
}

/** One's own new password: chosen by oneself, so nothing is left to change at the next sign-in. */
export async function setOwnPassword(
  m: EntityManager,
  userId: number,
  passwordHash: string,
  at: Date,
): Promise<void> {
  await m
    .getRepository(UserEntity)
    .update({ id: userId }, { passwordHash, mustChangePassword: false, updatedAt: at });
}

/**
 * A password someone else set (an admin, the CLI): they know it, so the member picks their own at
 * the next sign-in; a lockout is lifted with it.
 */
export async function resetPassword(
  m: EntityManager,
  userId: number,
  passwordHash: string,
  at: Date,
): Promise<void> {
  await m
    .getRepository(UserEntity)
    .update(
      { id: userId },
      { passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, updatedAt: at },
    );
}
