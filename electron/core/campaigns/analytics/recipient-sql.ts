import type { RecipientState } from '@shared/types/campaigns';

/**
 * SQL fragments over a campaign's message rows, aliased `m`. Every one is fixed text of ours; values
 * always go in as `?` parameters.
 *
 * A campaign's recipients are its message rows that are not test sends (0006 keeps test sends in the
 * same table, flagged, so they never count). The columns read here are the ones the
 * messages_campaign_stats index (0007) holds, so a whole-campaign scan never reads the rows.
 */
export interface Fragment {
  sql: string;
  params: unknown[];
}

export const RECIPIENT_ROWS = 'm.campaign_id = ? AND m.is_test = 0';

/** Statuses of a message that went out: sent, and everything a webhook reports after it. */
export const REACHED = `m.status IN ('sent', 'delivered', 'read')`;

/**
 * True for a recipient who answered: an inbound message from them on the campaign's number after
 * the message went out, as marked by 0021/0024's triggers when the answer (or the message's time)
 * is written; by contact, or by WhatsApp id for a recipient whose contact was deleted since. One
 * primary-key probe per row. Only a message that went out can be answered.
 */
export const REPLIED = `(${REACHED} AND EXISTS (SELECT 1 FROM campaign_reply_marks r WHERE r.message_id = m.id))`;

/** The first answer's time, or NULL. */
export const FIRST_REPLY_AT = `CASE WHEN ${REACHED}
  THEN (SELECT r.replied_at FROM campaign_reply_marks r WHERE r.message_id = m.id) END`;

/**
 * A filter on the state a person reads: a recipient who replied shows as replied, not as read; the
 * others show their message's status.
 */
export function stateCondition(state: RecipientState): Fragment {
  switch (state) {
    case 'replied':
      return { sql: REPLIED, params: [] };
    case 'sent':
    case 'delivered':
    case 'read':
      return { sql: `m.status = ? AND NOT ${REPLIED}`, params: [state] };
    case 'queued':
    case 'sending':
    case 'unconfirmed':
    case 'failed':
      return { sql: 'm.status = ?', params: [state] };
  }
}
