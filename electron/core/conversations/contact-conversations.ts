import { chunks, fromSqlDate, marks, select, type Fragment } from '../db/sql';
import type { ReadManager } from '../db/read-db';

/**
 * A customer's conversation with one of the business's numbers, for many customers at once: a
 * campaign queues and pages through up to 100,000 message rows, and this folder owns
 * `conversations` (issue 9).
 */

/**
 * The id of the conversation between the contact in `idColumn` (a column of the caller's query) and
 * the number `phoneNumberId`, or NULL when they have none: a scalar subquery.
 */
export function conversationIdOf(idColumn: string, phoneNumberId: string): Fragment {
  return {
    sql: `(SELECT cv.id FROM conversations cv WHERE cv.contact_id = ${idColumn} AND cv.phone_number_id = ?)`,
    params: [phoneNumberId],
  };
}

/**
 * When each of these contacts last wrote to the number, for those who ever did: a template inside
 * that window is free of the messaging limit. One query per 500 contacts.
 */
export async function lastInboundAt(
  m: ReadManager,
  phoneNumberId: string,
  contactIds: readonly number[],
): Promise<Map<number, Date>> {
  const out = new Map<number, Date>();
  for (const part of chunks(contactIds)) {
    const rows = await select<{ contactId: number; at: string }>(
      m,
      `SELECT contact_id AS contactId, last_inbound_at AS at FROM conversations
        WHERE phone_number_id = ? AND contact_id IN (${marks(part.length)})`,
      [phoneNumberId, ...part],
    );
    for (const r of rows) out.set(r.contactId, fromSqlDate(r.at));
  }
  return out;
}
