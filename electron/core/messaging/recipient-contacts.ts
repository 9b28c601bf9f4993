import type { RecipientState } from '@shared/types/campaigns';
import { chunks, marks, select, type Fragment } from '../db/sql';
import type { ReadManager } from '../db/read-db';
import { RECIPIENT_ROWS, recipientsIn } from './recipient-sql';

/**
 * Which contacts a campaign's message rows reached: retargeting picks from them, and the opt-out
 * figures count only them. This folder owns `messages` (issue 9).
 */

/** The contacts (still existing) among the campaign's recipients in the state, ascending. */
export async function contactsInState(
  m: ReadManager,
  campaignId: number,
  state: RecipientState,
): Promise<number[]> {
  const w = recipientsIn(campaignId, state);
  const rows = await select<{ id: number }>(
    m,
    `SELECT DISTINCT m.contact_id AS id FROM messages m
     WHERE ${w.sql} AND m.contact_id IS NOT NULL ORDER BY m.contact_id`,
    w.params,
  );
  return rows.map((r) => r.id);
}

/** Those of these contacts the campaign has a message row for: one query per 500 ids. */
export async function recipientsAmong(
  m: ReadManager,
  campaignId: number,
  contactIds: readonly number[],
): Promise<Set<number>> {
  const found = new Set<number>();
  for (const part of chunks(contactIds)) {
    const rows = await select<{ id: number }>(
      m,
      `SELECT DISTINCT m.contact_id AS id FROM messages m
       WHERE ${RECIPIENT_ROWS} AND m.contact_id IN (${marks(part.length)})`,
      [campaignId, ...part],
    );
    for (const r of rows) found.add(r.id);
  }
  return found;
}

/**
 * A condition on a contact id column of the caller's query (`o.id`): the contact is a recipient of
 * the campaign. One probe of the campaign's index per row.
 */
export function isRecipientOf(campaignId: number, contactIdColumn: string): Fragment {
  return {
    sql: `EXISTS (SELECT 1 FROM messages m WHERE m.contact_id = ${contactIdColumn} AND ${RECIPIENT_ROWS})`,
    params: [campaignId],
  };
}
