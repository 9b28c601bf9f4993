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
 * When the message went out. A message whose send call crashed (unconfirmed) can be reconciled by a
 * later `delivered` or `read` webhook without a `sent` one ever arriving, so fall back to those.
 */
export const REACHED_AT = 'COALESCE(m.sent_at, m.delivered_at, m.read_at)';

/**
 * Inbound messages from the recipient on the campaign's number after the campaign message: from the
 * same contact (messages_contact index), or, for a recipient whose contact was deleted since (the
 * row's contact_id became NULL), from the same WhatsApp id (messages_inbound_from, 0007). The
 * number is the campaign's, a parameter, so the check needs nothing from `m` outside the index.
 */
function inbound(select: string, phoneNumberId: string): Fragment {
  const after = `i.created_at > ${REACHED_AT} AND i.direction = 'in' AND i.phone_number_id = ?`;
  return {
    sql: `CASE WHEN m.contact_id IS NOT NULL
      THEN (SELECT ${select} FROM messages i WHERE i.contact_id = m.contact_id AND ${after})
      ELSE (SELECT ${select} FROM messages i WHERE i.recipient_wa_id = m.recipient_wa_id AND ${after}) END`,
    params: [phoneNumberId, phoneNumberId],
  };
}

/** True for a recipient who answered. Only a message that went out can be answered. */
export function replied(phoneNumberId: string): Fragment {
  const exists = inbound('1', phoneNumberId);
  return { sql: `(${REACHED} AND ${exists.sql} IS NOT NULL)`, params: exists.params };
}

/** The first answer's time, or NULL; meant for a page of rows, not for a whole campaign. */
export function firstReplyAt(phoneNumberId: string): Fragment {
  const first = inbound('min(i.created_at)', phoneNumberId);
  return { sql: `CASE WHEN ${REACHED} THEN ${first.sql} END`, params: first.params };
}

/**
 * A filter on the state a person reads: a recipient who replied shows as replied, not as read; the
 * others show their message's status.
 */
export function stateCondition(state: RecipientState, phoneNumberId: string): Fragment {
  const answered = replied(phoneNumberId);
  switch (state) {
    case 'replied':
      return answered;
    case 'sent':
    case 'delivered':
    case 'read':
      return { sql: `m.status = ? AND NOT ${answered.sql}`, params: [state, ...answered.params] };
    case 'queued':
    case 'sending':
    case 'unconfirmed':
    case 'failed':
      return { sql: 'm.status = ?', params: [state] };
  }
}
