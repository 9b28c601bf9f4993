import type { RecipientState } from '@shared/types/campaigns';

/**
 * SQL fragments over a campaign's message rows, aliased `m`. Every one is fixed text of ours; values
 * always go in as `?` parameters.
 *
 * A campaign's recipients are its message rows that are not test sends (0006 keeps test sends in the
 * same table, flagged, so they never count).
 */
export const RECIPIENT_ROWS = 'm.campaign_id = ? AND m.is_test = 0';

/** Statuses of a message that went out: sent, and everything a webhook reports after it. */
export const REACHED = `m.status IN ('sent', 'delivered', 'read')`;

/**
 * When the message went out. A message whose send call crashed (unconfirmed) can be reconciled by a
 * later `delivered` or `read` webhook without a `sent` one ever arriving, so fall back to those.
 */
export const REACHED_AT = 'COALESCE(m.sent_at, m.delivered_at, m.read_at)';

/**
 * Inbound messages from the recipient on the campaign's number after the campaign message. Matched by
 * contact (messages_contact index) or by WhatsApp id (messages_inbound_from, migration 0007), the
 * latter for a contact deleted or merged since; two EXISTS rather than one OR so each uses its index.
 */
const INBOUND_BY_CONTACT = `SELECT 1 FROM messages i
  WHERE i.contact_id = m.contact_id AND i.created_at > ${REACHED_AT}
    AND i.direction = 'in' AND i.phone_number_id = m.phone_number_id`;
const INBOUND_BY_WA_ID = `SELECT 1 FROM messages i
  WHERE i.recipient_wa_id = m.recipient_wa_id AND i.created_at > ${REACHED_AT}
    AND i.direction = 'in' AND i.phone_number_id = m.phone_number_id`;

/** True for a recipient who answered. Only a message that went out can be answered. */
export const REPLIED = `(${REACHED} AND (EXISTS (${INBOUND_BY_CONTACT}) OR EXISTS (${INBOUND_BY_WA_ID})))`;

/** The first answer's time, or NULL; meant for a page of rows, not for a whole campaign. */
export const FIRST_REPLY_AT = `CASE WHEN ${REACHED} THEN (SELECT min(created_at) FROM (
    SELECT min(i.created_at) AS created_at FROM messages i
      WHERE i.contact_id = m.contact_id AND i.created_at > ${REACHED_AT}
        AND i.direction = 'in' AND i.phone_number_id = m.phone_number_id
    UNION ALL
    SELECT min(i.created_at) FROM messages i
      WHERE i.recipient_wa_id = m.recipient_wa_id AND i.created_at > ${REACHED_AT}
        AND i.direction = 'in' AND i.phone_number_id = m.phone_number_id)) END`;

/**
 * A filter on the state a person reads: a recipient who replied shows as replied, not as read; the
 * others show their message's status. Returns the condition and its parameters.
 */
export function stateCondition(state: RecipientState): { sql: string; params: unknown[] } {
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
