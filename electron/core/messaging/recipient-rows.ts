import type { RecipientState } from '@shared/types/campaigns';
import { joinShownContact, SHOWN_CONTACT_COLUMNS } from '../contacts/recipient-contacts';
import { select } from '../db/sql';
import type { ReadManager } from '../db/read-db';
import { FIRST_REPLY_AT, recipientsIn } from './recipient-sql';

/**
 * A campaign's recipients as their message rows, with the contact each is shown by joined in the
 * same statement (contacts/recipient-contacts.ts): the campaign page's recipients and their export
 * (campaigns/analytics/recipient-rows.ts). This folder owns `messages` (issue 9).
 */
export interface RecipientRow {
  id: number;
  contact_id: number | null;
  name: string | null;
  phone: string | null;
  username: string | null;
  wa_id: string;
  status: string;
  error_code: number | null;
  error_title: string | null;
  sent_at: string | null;
  delivered_at: string | null;
  read_at: string | null;
  replied_at: string | null;
}

/** The row's columns and its first reply (looked up for the rows returned only). */
const COLUMNS = `m.id, m.contact_id, ${SHOWN_CONTACT_COLUMNS}, m.recipient_wa_id AS wa_id, m.status,
  m.error_code, m.error_title, m.sent_at, m.delivered_at, m.read_at, ${FIRST_REPLY_AT} AS replied_at`;

const FROM = `messages m ${joinShownContact('m.contact_id')}`;

/** How many recipients are in the state (all of them without one), counted in the campaign's index. */
export async function countRecipients(
  m: ReadManager,
  campaignId: number,
  state: RecipientState | undefined,
): Promise<number> {
  const w = recipientsIn(campaignId, state);
  const [row] = await select<{ n: number }>(
    m,
    `SELECT count(*) AS n FROM messages m WHERE ${w.sql}`,
    w.params,
  );
  return row?.n ?? 0;
}

/** A page of the recipients in the state, in the order they were queued. */
export function recipientRowsPage(
  m: ReadManager,
  campaignId: number,
  state: RecipientState | undefined,
  page: { limit: number; offset: number },
): Promise<RecipientRow[]> {
  const w = recipientsIn(campaignId, state);
  return select<RecipientRow>(
    m,
    `SELECT ${COLUMNS} FROM ${FROM}
     WHERE ${w.sql} ORDER BY m.id LIMIT ? OFFSET ?`,
    [...w.params, page.limit, page.offset],
  );
}

/** The next `limit` recipients in the state after message `afterId` (keyset on id: no OFFSET rescans). */
export function recipientRowsAfter(
  m: ReadManager,
  campaignId: number,
  state: RecipientState | undefined,
  afterId: number,
  limit: number,
): Promise<RecipientRow[]> {
  const w = recipientsIn(campaignId, state);
  return select<RecipientRow>(
    m,
    `SELECT ${COLUMNS} FROM ${FROM}
     WHERE ${w.sql} AND m.id > ? ORDER BY m.id LIMIT ?`,
    [...w.params, afterId, limit],
  );
}
