import type { MessageDto } from '@shared/types/messages';
import type { Fragment } from '../db/sql';

/**
 * The messages side of the inbox's conversation list (conversations/conversation-dto.ts and
 * conversation-query.ts): this folder owns `messages` (issue 9), and the list stays one statement.
 * The caller names its own columns and a table alias free in its query.
 */

/** The last message's fields the list shows, under the names `lastMessageJoin` gives them. */
export interface LastMessageColumns {
  lastDirection: 'in' | 'out' | null;
  lastType: string | null;
  lastText: string | null;
  lastPayload: string | null;
  lastStatus: MessageDto['status'] | null;
  lastCreatedAt: string | null;
  lastDeletedAt: string | null;
}

/** Each row's last message, joined by primary key on the caller's column holding its id. */
export function lastMessageJoin(alias: string, messageId: string): { columns: string; join: string } {
  const a = alias;
  return {
    columns: `${a}.direction AS lastDirection, ${a}.type AS lastType, ${a}.text AS lastText,
      ${a}.payload AS lastPayload, ${a}.status AS lastStatus, ${a}.created_at AS lastCreatedAt,
      ${a}.deleted_at AS lastDeletedAt`,
    join: `LEFT JOIN messages ${a} ON ${a}.id = ${messageId}`,
  };
}

/** The caller's contact column names a customer the campaign reached (test sends aside). */
export function reachedByCampaign(contactId: string, campaignId: number): Fragment {
  // An uncorrelated subquery: SQLite materialises it once.
  return {
    sql: `${contactId} IN (SELECT contact_id FROM messages
            WHERE campaign_id = ? AND is_test = 0 AND contact_id IS NOT NULL)`,
    params: [campaignId],
  };
}
