import type { Fragment } from '../db/sql';

/**
 * Which contacts may be (re)subscribed to a list: those that exist and have not opted out. Lists
 * write memberships (lists/membership.ts, lists/list-service.ts); this folder owns `contacts` (issue 9).
 */

/**
 * A condition on a contact id column of the caller's query (`contact_id`): the contact exists and
 * has not opted out. Correlated, so SQLite looks each id up by its key: written as
 * `IN (SELECT id FROM contacts WHERE opted_out = 0)` it listed every opted-in contact first.
 */
export function optedIn(idColumn: string): Fragment {
  return {
    sql: `EXISTS (SELECT 1 FROM contacts WHERE contacts.id = ${idColumn} AND contacts.opted_out = 0)`,
    params: [],
  };
}
