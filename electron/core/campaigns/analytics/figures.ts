import type { CampaignFigures } from '@shared/types/campaigns';
import { fromSqlDateOrNull, select, sqlDate } from '../../contacts/sql';
import type { CampaignRow } from '../../db/entities/campaign';
import { RECIPIENT_ROWS, replied } from './recipient-sql';
import type { ReadManager } from '../../db/read-db';

export interface FigureScan {
  figures: CampaignFigures;
  /** Messages whose sent_at falls after `since` (the pace window). */
  sentSince: number;
  /** The latest sent, delivered, read or failed time: where the timeline has to reach. */
  lastEventAt: Date | null;
}

interface StatusRow {
  status: string;
  n: number;
  replied: number;
  recent: number;
  last_event: string | null;
}

/**
 * Every count but opt-outs in one pass over the campaign's rows (the messages_campaign_stats index
 * alone), grouped by status: the replied check (one index probe per message that went out) and the
 * pace window ride along.
 */
export async function scanFigures(m: ReadManager, campaign: CampaignRow, since: Date): Promise<FigureScan> {
  const answered = replied(campaign.phoneNumberId);
  const rows = await select<StatusRow>(
    m,
    `SELECT m.status AS status, count(*) AS n,
       sum(CASE WHEN ${answered.sql} THEN 1 ELSE 0 END) AS replied,
       sum(CASE WHEN m.sent_at > ? THEN 1 ELSE 0 END) AS recent,
       max(max(COALESCE(m.sent_at, ''), COALESCE(m.delivered_at, ''), COALESCE(m.read_at, ''),
               COALESCE(m.failed_at, ''))) AS last_event
     FROM messages m WHERE ${RECIPIENT_ROWS} GROUP BY m.status`,
    [...answered.params, sqlDate(since), campaign.id],
  );
  const by = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
  const recipients = rows.reduce((sum, r) => sum + r.n, 0);
  const delivered = by('delivered') + by('read');
  const sent = by('sent') + delivered;
  const repliedCount = rows.reduce((sum, r) => sum + (r.replied ?? 0), 0);
  const failed = by('failed');
  const read = by('read');
  const last = rows.map((r) => r.last_event ?? '').reduce((a, b) => (b > a ? b : a), '');
  const optedOut = await countOptedOut(m, campaign);
  return {
    figures: {
      recipients,
      queued: by('queued'),
      sending: by('sending'),
      unconfirmed: by('unconfirmed'),
      sent,
      delivered,
      read,
      replied: repliedCount,
      failed,
      optedOut,
      rates: {
        delivery: share(delivered, recipients),
        read: share(read, recipients),
        reply: share(repliedCount, recipients),
        failure: share(failed, recipients),
      },
    },
    sentSince: rows.reduce((sum, r) => sum + (r.recent ?? 0), 0),
    lastEventAt: fromSqlDateOrNull(last === '' ? null : last),
  };
}

/**
 * Recipients who opted out by keyword since the campaign started, or left one of its lists since
 * (a keyword opt-out does both; each person counts once). Starts from the few who opted out or left
 * (partial index contacts_opted_out, list_members_state) and checks each is a recipient, rather than
 * looking at every recipient. Nothing to count before the campaign started.
 */
async function countOptedOut(m: ReadManager, campaign: CampaignRow): Promise<number> {
  if (!campaign.startedAt) return 0;
  const since = sqlDate(campaign.startedAt);
  const [row] = await select<{ n: number }>(
    m,
    `SELECT count(*) AS n FROM (
       SELECT c.id FROM contacts c
         WHERE c.opted_out = 1 AND c.opt_out_source = 'keyword' AND c.opted_out_at >= ?
       UNION
       SELECT lm.contact_id FROM campaign_lists cl JOIN list_members lm ON lm.list_id = cl.list_id
         WHERE cl.campaign_id = ? AND lm.subscribed = 0 AND lm.unsubscribed_at >= ?) o
     WHERE EXISTS (SELECT 1 FROM messages m WHERE m.contact_id = o.id AND ${RECIPIENT_ROWS})`,
    [since, campaign.id, since, campaign.id],
  );
  return row?.n ?? 0;
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}
