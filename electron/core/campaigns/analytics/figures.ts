import type { CampaignFigures } from '@shared/types/campaigns';
import { fromSqlDateOrNull, select, sqlDate } from '../../db/sql';
import type { CampaignRow } from '../../db/entities/campaign';
import { firstReplyAt, RECIPIENT_ROWS } from './recipient-sql';
import type { BucketPlan } from './timeline';
import type { ReadManager } from '../../db/read-db';

export interface FigureScan {
  figures: CampaignFigures;
  /** Messages whose sent_at falls after `since` (the pace window). */
  sentSince: number;
  /** Recipients by the timeline bucket of their first reply (all in bucket 0 without a plan). */
  replyBuckets: { bucket: number; n: number }[];
}

interface StatusRow {
  status: string;
  reply_bucket: number | null;
  n: number;
  recent: number;
}

/**
 * Every count but opt-outs in one pass over the campaign's rows (the messages_campaign_stats index
 * alone), grouped by status and the timeline bucket of the first reply: the replied check (one index
 * probe per message that went out, for its first answer's time) serves the figures and the
 * timeline at once, and the pace window rides along.
 */
export async function scanFigures(
  m: ReadManager,
  campaign: CampaignRow,
  since: Date,
  plan: BucketPlan | null = null,
): Promise<FigureScan> {
  const first = firstReplyAt(campaign.phoneNumberId);
  const bucket = plan
    ? `max(0, min(?, (CAST(round((julianday(${first.sql}) - 2440587.5) * 86400000.0) AS INTEGER)
         - CAST(? AS INTEGER)) / CAST(? AS INTEGER)))`
    : `CASE WHEN ${first.sql} IS NOT NULL THEN 0 END`;
  const bucketParams = plan
    ? [plan.count - 1, ...first.params, plan.start.getTime(), plan.sizeSeconds * 1000]
    : first.params;
  const rows = await select<StatusRow>(
    m,
    `SELECT m.status AS status, ${bucket} AS reply_bucket, count(*) AS n,
       sum(CASE WHEN m.sent_at > ? THEN 1 ELSE 0 END) AS recent
     FROM messages m WHERE ${RECIPIENT_ROWS} GROUP BY 1, 2`,
    [...bucketParams, sqlDate(since), campaign.id],
  );
  const by = (status: string) => rows.filter((r) => r.status === status).reduce((sum, r) => sum + r.n, 0);
  const recipients = rows.reduce((sum, r) => sum + r.n, 0);
  const delivered = by('delivered') + by('read');
  const sent = by('sent') + delivered;
  const replies = rows.filter((r) => r.reply_bucket !== null);
  const repliedCount = replies.reduce((sum, r) => sum + r.n, 0);
  const failed = by('failed');
  const read = by('read');
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
    replyBuckets: replies.map((r) => ({ bucket: r.reply_bucket!, n: r.n })),
  };
}

/** The latest sent, delivered, read or failed time: where the timeline has to reach. */
export async function lastEventAt(m: ReadManager, campaignId: number): Promise<Date | null> {
  const [row] = await select<{ last_event: string | null }>(
    m,
    `SELECT max(max(COALESCE(m.sent_at, ''), COALESCE(m.delivered_at, ''), COALESCE(m.read_at, ''),
               COALESCE(m.failed_at, ''))) AS last_event
     FROM messages m WHERE ${RECIPIENT_ROWS}`,
    [campaignId],
  );
  const last = row?.last_event ?? '';
  return fromSqlDateOrNull(last === '' ? null : last);
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
