import { In } from 'typeorm';
import { UserEntity } from '../db/entities/user';
import type { UserRow } from '../db/entities/user';
import type { ReadManager } from '../db/read-db';

/** How other domains read members: this folder owns `users` (issue 9). */
export function userById(m: ReadManager, id: number): Promise<UserRow | null> {
  return m.getRepository(UserEntity).findOneBy({ id });
}

export async function usersByIds(m: ReadManager, ids: readonly number[]): Promise<UserRow[]> {
  const unique = [...new Set(ids)];
  return unique.length ? m.getRepository(UserEntity).findBy({ id: In(unique) }) : [];
}

/** Members who may sign in (not disabled). */
export function activeUsers(m: ReadManager): Promise<UserRow[]> {
  return m.getRepository(UserEntity).findBy({ disabled: false });
}
