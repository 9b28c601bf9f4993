import type { EntityManager } from 'typeorm';
import { executePrepared } from '../db/prepared-writes';
import { fromSqlDate, select } from '../db/sql';

/**
 * A message's pricing on its row and in its status history, for pricing/record-pricing.ts, which
 * counts what was spent in the status's transaction: this folder owns `messages` and
 * message_status_events (issue 9).
 */

/** Keeps the pricing WhatsApp last reported on the message. */
export async function setMessagePricing(
  m: EntityManager,
  messageId: number,
  pricing: { category: string; type: string; billable: boolean },
): Promise<void> {
  // Prepared once: an UPDATE of messages compiles every trigger it may fire (db/prepared-writes.ts).
  await executePrepared(
    m,
    `UPDATE messages SET pricing_category = ?, pricing_type = ?, pricing_billable = ? WHERE id = ?`,
    [pricing.category, pricing.type, pricing.billable ? 1 : 0, messageId],
  );
}

/** When the first status that carried pricing happened, or null when none did. */
export async function firstPricedAt(m: EntityManager, messageId: number): Promise<Date | null> {
  const [row] = await select<{ at: string | null }>(
    m,
    `SELECT min(at) AS at FROM message_status_events WHERE message_id = ? AND pricing_category IS NOT NULL`,
    [messageId],
  );
  return row?.at ? fromSqlDate(row.at) : null;
}
