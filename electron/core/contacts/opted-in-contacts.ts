import type { Fragment } from '../db/sql';
import { chunks, marks, select } from '../db/sql';
import type { ReadManager } from '../db/read-db';

/**
 * Which contacts may be (re)subscribed to a list: those that exist and have not opted out. Lists
 * write memberships (lists/membership.ts, lists/list-service.ts); this folder owns `contacts` (issue 9).
 */

/** The ids among these that name a contact who has not opted out: one query per 500 ids. */
export async function optedInAmong(m: ReadManager, ids: readonly number[]): Promise<number[]> {
  const found: number[] = [];
  for (const part of chunks(ids)) {
    const rows = await select<{ id: number }>(
      m,
      `SELECT id FROM contacts WHERE id IN (${marks(part.length)}) AND opted_out = 0`,
      part,
    );
    found.push(...rows.map((r) => r.id));
  }
  return found;
}

/** A condition on a contact id column of the caller's query (`contact_id`): the contact has not opted out. */
export function optedIn(idColumn: string): Fragment {
  return { sql: `${idColumn} IN (SELECT id FROM contacts WHERE opted_out = 0)`, params: [] };
}
