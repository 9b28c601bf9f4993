import type { RecipientState } from '@shared/types/campaigns';
import { hasReplyMark, replyMarkTime } from '../campaigns/reply-marks';
import type { Fragment } from '../db/sql';

/**
 * SQL fragments over a campaign's message rows, aliased `m`: this folder owns `messages` (issue 9),
 * and the campaign's analytics filter, page and count its recipients through these. Every one is
 * fixed text of ours; values always go in as `?` parameters.
 *
 * A campaign's recipients are its message rows that are not test sends (0006 keeps test sends in the
 * same table, flagged, so they never count). The columns read here are the ones the
 * messages_campaign_stats index (0007) holds, so a whole-campaign scan never reads the rows.
 */
export const RECIPIENT_ROWS = 'm.campaign_id = ? AND m.is_test = 0';

/** Statuses of a message that went out: sent, and everything a webhook reports after it. */
const REACHED = `m.status IN ('sent', 'delivered', 'read')`;

/** True for a recipient who answered (campaigns/reply-marks.ts). Only a message that went out can be answered. */
const REPLIED = `(${REACHED} AND ${hasReplyMark('m.id')})`;

/** The first answer's time, or NULL. */
export const FIRST_REPLY_AT = `CASE WHEN ${REACHED}
  THEN ${replyMarkTime('m.id')} END`;

/**
 * A filter on the state a person reads: a recipient who replied shows as replied, not as read; the
 * others show their message's status.
 */
function stateCondition(state: RecipientState): Fragment {
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

/** The campaign's recipients, all of them or those in one state. */
export function recipientsIn(campaignId: number, state: RecipientState | undefined): Fragment {
  if (!state) return { sql: RECIPIENT_ROWS, params: [campaignId] };
  const condition = stateCondition(state);
  return { sql: `${RECIPIENT_ROWS} AND ${condition.sql}`, params: [campaignId, ...condition.params] };
}
