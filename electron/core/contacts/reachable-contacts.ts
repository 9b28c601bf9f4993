import type { Fragment } from '../db/sql';

/**
 * Who marketing may reach, as SQL another domain's query composes: a campaign's audience, its queue
 * and its planned counts are set-based statements over up to 100,000 contacts, and only this folder
 * names `contacts` and its columns (issue 9).
 */

/**
 * The contacts a campaign may send to: not blocked, not opted out of marketing. A selection of
 * `contact_id` and `address`, the WhatsApp id a message goes to (the user id of a customer who hides
 * their number: see util/customer-address.ts), for the caller to narrow further and order.
 */
export function reachableContacts(): Fragment {
  return {
    sql: `SELECT c.id AS contact_id, COALESCE(c.wa_id, c.user_id) AS address FROM contacts c
           WHERE c.status <> 'blocked' AND c.opted_out = 0`,
    params: [],
  };
}

/** A condition on a contact id column of the caller's query: that contact has opted out of marketing. */
export function optedOut(idColumn: string): Fragment {
  return {
    sql: `EXISTS (SELECT 1 FROM contacts c WHERE c.id = ${idColumn} AND c.opted_out = 1)`,
    params: [],
  };
}
