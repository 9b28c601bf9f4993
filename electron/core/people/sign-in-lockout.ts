import type { EntityManager } from 'typeorm';
import { UserEntity } from '../db/entities/user';
import type { ReadManager } from '../db/read-db';

/**
 * The failed sign-ins and lockout kept on a member's row, for auth/ (which decides how long a lock
 * lasts): this folder owns `users` (issue 9). Writes take the caller's transaction.
 */

/** Counts one failed sign-in; returns the failures as the database holds them, concurrent ones included. */
export async function countFailedSignIn(m: EntityManager, userId: number): Promise<number> {
  const repo = m.getRepository(UserEntity);
  await repo.increment({ id: userId }, 'failedLogins', 1);
  const { failedLogins } = await repo.findOneOrFail({
    where: { id: userId },
    select: { id: true, failedLogins: true },
  });
  return failedLogins;
}

export async function lockUser(m: EntityManager, userId: number, until: Date): Promise<void> {
  await m.getRepository(UserEntity).update({ id: userId }, { lockedUntil: until });
}

/** Until when the account is locked as it stands now (a guess that failed meanwhile may have locked it). */
export async function lockedUntilNow(m: ReadManager, userId: number): Promise<Date | null> {
  const { lockedUntil } = await m
    .getRepository(UserEntity)
    .findOneOrFail({ where: { id: userId }, select: { id: true, lockedUntil: true } });
  return lockedUntil;
}

/** A sign-in that succeeded: the failures forgiven, the lock lifted, the time kept. */
export async function recordSignIn(m: EntityManager, userId: number, at: Date): Promise<void> {
  await m
    .getRepository(UserEntity)
    .update({ id: userId }, { failedLogins: 0, lockedUntil: null, lastLoginAt: at });
}
