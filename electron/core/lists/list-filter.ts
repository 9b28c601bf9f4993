import type { Fragment } from '../db/sql';

/**
 * The contacts search's list filter (contacts/contact-search.ts): contacts on a list, subscribed or
 * not, as conditions on the contacts alias `c`. This folder owns `list_members` (issue 9); the search
 * picks one of the forms its planner needs:
 * - `index`: the members drive, through the list's index;
 * - `probe`: checked contact by contact while the search walks its sort index;
 * - `count`: how many contacts are on the list, counted in that index alone.
 */
export function onList(listId: number): { index: Fragment; probe: Fragment; count: Fragment } {
  return {
    index: { sql: 'c.id IN (SELECT contact_id FROM list_members WHERE list_id = ?)', params: [listId] },
    probe: {
      sql: 'EXISTS (SELECT 1 FROM list_members lm WHERE lm.list_id = ? AND lm.contact_id = c.id)',
      params: [listId],
    },
    count: { sql: 'SELECT count(*) AS n FROM list_members WHERE list_id = ?', params: [listId] },
  };
}
