import type { Fragment } from '../db/sql';

/**
 * Whom lists reach, as SQL another domain's query composes: a campaign goes to the subscribed
 * members of its lists, in set-based statements over up to 100,000 contacts, and only this folder
 * names `list_members` (issue 9). Someone who unsubscribed stays a member, and is not reached.
 */

/**
 * A condition on a contact id column of the caller's query: that contact is subscribed to at least
 * one of `listIds`, a comma-separated list of ids or a subquery that gives them.
 */
export function subscribedToAny(idColumn: string, listIds: Fragment): Fragment {
  return {
    sql: `EXISTS (SELECT 1 FROM list_members lm
                   WHERE lm.contact_id = ${idColumn} AND lm.subscribed = 1 AND lm.list_id IN (${listIds.sql}))`,
    params: [...listIds.params],
  };
}

/**
 * Every subscription, as a selection of `list_id` and `contact_id` to join on: how a query that
 * starts from many lists at once (each campaign's) reaches their subscribers through the list's index.
 */
export function subscriptions(): Fragment {
  return { sql: 'SELECT lm.list_id, lm.contact_id FROM list_members lm WHERE lm.subscribed = 1', params: [] };
}
