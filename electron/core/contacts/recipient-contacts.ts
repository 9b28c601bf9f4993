import { chunks, marks, select, sqlDate, type Fragment } from '../db/sql';
import type { ReadManager } from '../db/read-db';

/**
 * The contacts side of a campaign's analytics and retargeting: how a recipient is shown, who opted
 * out by keyword, who may be messaged again. This folder owns `contacts` (issue 9); the recipients'
 * pages and export stay one statement by joining what is here, the contacts going by the alias `c`.
 */

/** The columns a recipient is shown by: `name`, `phone` and `username`, NULL for a contact deleted since. */
export const SHOWN_CONTACT_COLUMNS = 'c.name, c.phone, c.username';

/** `contacts c` joined to the caller's rows by their contact id column (`m.contact_id`), kept when none. */
export function joinShownContact(contactIdColumn: string): string {
  return `LEFT JOIN contacts c ON c.id = ${contactIdColumn}`;
}

/**
 * A selection of `(id, at)`: each contact who opted out by keyword at or after `since`, and when.
 * Starts from the few who opted out (the partial index contacts_opted_out).
 */
export function keywordOptOutsSince(since: Date): Fragment {
  return {
    sql: `SELECT c.id, c.opted_out_at AS at FROM contacts c
         WHERE c.opted_out = 1 AND c.opt_out_source = 'keyword' AND c.opted_out_at >= ?`,
    params: [sqlDate(since)],
  };
}

/** The ids among these that a campaign may message (not opted out, not blocked), ascending within each 500. */
export async function messageableAmong(m: ReadManager, ids: readonly number[]): Promise<number[]> {
  const found: number[] = [];
  for (const part of chunks(ids)) {
    const rows = await select<{ id: number }>(
      m,
      `SELECT id FROM contacts WHERE id IN (${marks(part.length)})
       AND opted_out = 0 AND status = 'active' ORDER BY id`,
      part,
    );
    found.push(...rows.map((r) => r.id));
  }
  return found;
}
