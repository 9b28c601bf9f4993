import { sqlDate, type Fragment } from '../db/sql';

/**
 * Who left some lists, for a campaign's opt-out figures (campaigns/analytics/opt-outs.ts), which
 * name the lists by a selection of their own: this folder owns `list_members` (issue 9).
 */

/**
 * A selection of `(id, at)`: each contact who unsubscribed from one of the lists `lists` selects
 * (a column `list_id`) at or after `since`, and when; once per list left. Joined rather than
 * `IN (…)`, so SQLite starts from the lists' unsubscribed members (the index list_members_state)
 * instead of every member.
 */
export function leftListsSince(lists: Fragment, since: Date): Fragment {
  return {
    sql: `SELECT lm.contact_id AS id, lm.unsubscribed_at AS at
         FROM (${lists.sql}) l JOIN list_members lm ON lm.list_id = l.list_id
         WHERE lm.subscribed = 0 AND lm.unsubscribed_at >= ?`,
    params: [...lists.params, sqlDate(since)],
  };
}
