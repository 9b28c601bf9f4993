import type { ReadManager } from '../db/read-db';
import { select, type Fragment } from '../db/sql';

export interface UserName {
  id: number;
  username: string;
  name: string;
}

/**
 * The members a caller's condition picks, by name, for lists that name people (the audit log's
 * authors). This folder owns `users` (issue 9); the condition is handed the user id column to test,
 * so a selection made from another domain's table stays one statement.
 */
export function userNamesWhere(
  m: ReadManager,
  condition: (userIdColumn: string) => Fragment,
): Promise<UserName[]> {
  const where = condition('u.id');
  return select<UserName>(
    m,
    `SELECT u.id, u.username, u.name FROM users u WHERE ${where.sql} ORDER BY u.name COLLATE NOCASE`,
    where.params,
  );
}
