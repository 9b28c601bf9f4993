import type { Fragment } from '../db/sql';
import type { ReadManager } from '../db/read-db';
import { count } from './contact-search';

/**
 * The contacts side of another domain's query over contacts (a list's members, searched and paged
 * by name): the join, the name order and the counts its planning needs. The query stays one
 * statement, and only this folder names `contacts` and its columns (issue 9). Contacts go by the
 * alias `c`, the one CONTACT_COLUMNS (contact-rows.ts) and the search conditions use.
 */

/** Contacts by name, the order of the name index (ties by id, so pages never overlap). */
export const BY_NAME = 'c.name_key, c.id';

/**
 * `contacts c` joined to the caller's own rows (`other`, e.g. `list_members lm`) on `on`. CROSS JOIN
 * fixes the order SQLite visits them: `contacts` first walks the name index and looks each contact
 * up in the other table; `other` first reads the caller's rows and looks each contact up by id.
 */
export function joinContacts(other: string, on: Fragment, first: 'contacts' | 'other'): Fragment {
  return {
    sql:
      first === 'contacts'
        ? `contacts c CROSS JOIN ${other} ON ${on.sql}`
        : `${other} CROSS JOIN contacts c ON ${on.sql}`,
    params: on.params,
  };
}

/** How many contacts there are. */
export function contactCount(m: ReadManager): Promise<number> {
  return count(m, { sql: 'SELECT count(*) AS n FROM contacts', params: [] });
}

/** How many contacts meet a condition on `c`. */
export function countContacts(m: ReadManager, where: Fragment): Promise<number> {
  return count(m, { sql: `SELECT count(*) AS n FROM contacts c WHERE ${where.sql}`, params: where.params });
}
