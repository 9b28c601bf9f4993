import type { Fragment } from '../db/sql';

/**
 * A member's name as a column of another domain's query (the inbox list's assignee): a scalar
 * subquery by primary key on the caller's column holding the user id, null when it holds none or
 * the member is gone. This folder owns `users` (issue 9); the caller's query stays one statement.
 */
export function userNameOf(userId: string): Fragment {
  return { sql: `(SELECT u.name FROM users u WHERE u.id = ${userId})`, params: [] };
}
