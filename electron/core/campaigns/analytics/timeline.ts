import type { CampaignAnalyticsDto, TimelineBucket } from '@shared/types/campaigns';
import { fromSqlDate, select, sqlDate } from '../../db/sql';
import type { CampaignRow } from '../../db/entities/campaign';
import { RECIPIENT_ROWS } from './recipient-sql';
import type { ReadManager } from '../../db/read-db';

type Timeline = CampaignAnalyticsDto['timeline'];
type Series = Exclude<keyof TimelineBucket, 'at'>;

const MINUTE = 60;
const HOUR = 3600;
/**
 * Bucket sizes in seconds: a minute for a short campaign, up to an hour. Read receipts keep coming
 * for days after a campaign finishes, so past 100 hours the buckets grow further rather than the
 * chart growing past ~100 bars.
 */
const STEPS = [1, 2, 5, 10, 15, 30].map((n) => n * MINUTE).concat([1, 2, 3, 6, 12, 24].map((n) => n * HOUR));
export const MAX_BUCKETS = 100;

export interface BucketPlan {
  /** The first bucket's start, aligned to the bucket size (whole minutes, whole hours). */
  start: Date;
  sizeSeconds: number;
  count: number;
}

/**
 * The smallest bucket size that covers start…end in at most MAX_BUCKETS buckets, aligned to whole
 * minutes, hours or days on the clock of `timeZone` (India is UTC+5:30: an hour bucket there starts
 * at 10:00 local, not 10:30).
 */
export function planBuckets(start: Date, end: Date, timeZone = 'UTC'): BucketPlan {
  const offsetMs = zoneOffsetMinutes(timeZone, start) * 60_000;
  for (const size of STEPS) {
    const plan = planWithSize(start, end, size, offsetMs);
    if (plan.count <= MAX_BUCKETS) return plan;
  }
  return planWithSize(start, end, STEPS[STEPS.length - 1]!, offsetMs);
}

function planWithSize(start: Date, end: Date, sizeSeconds: number, offsetMs: number): BucketPlan {
  const sizeMs = sizeSeconds * 1000;
  const first = Math.floor((start.getTime() + offsetMs) / sizeMs) * sizeMs - offsetMs;
  const count = Math.max(1, Math.floor((end.getTime() - first) / sizeMs) + 1);
  return { start: new Date(first), sizeSeconds, count };
}

/** The zone's offset from UTC at an instant, in minutes (330 for Asia/Kolkata). */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? '');
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/**
 * Each figure counted once at the time it happened, so the buckets of a series add up to that
 * figure: sent (sent, delivered or read) at sent_at, delivered (delivered or read) at delivered_at,
 * read at read_at, failed at failed_at. A missing time falls back to the next one that exists (a
 * read receipt can arrive with no delivery receipt); a row with no time at all (a failure recorded
 * without one) lands in the first bucket, as do times before the start; times after the end land in
 * the last.
 */
const SERIES = [
  {
    kind: 'sent',
    statuses: `'sent', 'delivered', 'read'`,
    at: 'COALESCE(m.sent_at, m.delivered_at, m.read_at)',
  },
  {
    kind: 'delivered',
    statuses: `'delivered', 'read'`,
    at: 'COALESCE(m.delivered_at, m.read_at, m.sent_at)',
  },
  { kind: 'read', statuses: `'read'`, at: 'COALESCE(m.read_at, m.delivered_at, m.sent_at)' },
  { kind: 'failed', statuses: `'failed'`, at: 'm.failed_at' },
] as const;

/**
 * The bucket of a time: whole milliseconds since the epoch (Julian day 2440587.5), rounded first so
 * that a time exactly on a boundary does not fall a bucket short through floating point, then an
 * integer division (the driver binds large numbers as REAL, hence the casts). NULL when the series
 * does not apply to the row's status, so rows group by the buckets that matter only. Parameters:
 * the last bucket, the start and the size in milliseconds.
 */
function bucketOf(series: (typeof SERIES)[number]): string {
  const ms = `CAST(round((julianday(${series.at}) - 2440587.5) * 86400000.0) AS INTEGER)`;
  const index = `(${ms} - CAST(? AS INTEGER)) / CAST(? AS INTEGER)`;
  return `CASE WHEN m.status IN (${series.statuses}) THEN ifnull(max(0, min(?, ${index})), 0) END`;
}

/**
 * Running totals per bucket: each series counted once at the time it happened (see SERIES), plus
 * replies (the first answer after the message went out) and opt-outs (by keyword, or leaving one of
 * the campaign's lists, after the start), then summed up, so a line never falls and the last bucket
 * holds the campaign's figures.
 *
 * The status series are one pass over the campaign's rows (the messages_campaign_stats index
 * alone), grouped by status and the four buckets a row can count in: a row's times are close
 * together, so the groups are few.
 */
export async function timeline(
  m: ReadManager,
  campaign: CampaignRow,
  plan: BucketPlan,
  /** From the figures' scan with the same plan, which probes for replies once for both. */
  replies: readonly { bucket: number; n: number }[],
): Promise<Timeline> {
  const sql = `SELECT ${SERIES.map((s) => `${bucketOf(s)} AS ${s.kind}`).join(', ')}, count(*) AS n
    FROM messages m WHERE ${RECIPIENT_ROWS} AND m.status IN ('sent', 'delivered', 'read', 'failed')
    GROUP BY m.status, 1, 2, 3, 4`;
  const bucketParams = [plan.count - 1, plan.start.getTime(), plan.sizeSeconds * 1000];
  const [rows, optOuts] = await Promise.all([
    select<Record<(typeof SERIES)[number]['kind'] | 'n', number | null>>(m, sql, [
      ...SERIES.flatMap(() => bucketParams),
      campaign.id,
    ]),
    optOutTimes(m, campaign),
  ]);
  const counts: Record<Series, number>[] = Array.from({ length: plan.count }, () => ({
    sent: 0,
    delivered: 0,
    read: 0,
    replied: 0,
    failed: 0,
    optedOut: 0,
  }));
  for (const row of rows) {
    for (const { kind } of SERIES) {
      const index = row[kind];
      if (index !== null) counts[index]![kind] += row.n ?? 0;
    }
  }
  for (const r of replies) counts[r.bucket]!.replied += r.n;
  const indexOf = (time: Date) =>
    Math.max(
      0,
      Math.min(
        plan.count - 1,
        Math.floor((time.getTime() - plan.start.getTime()) / (plan.sizeSeconds * 1000)),
      ),
    );
  for (const time of optOuts) counts[indexOf(time)]!.optedOut++;

  const running: Record<Series, number> = {
    sent: 0,
    delivered: 0,
    read: 0,
    replied: 0,
    failed: 0,
    optedOut: 0,
  };
  return counts.map((bucket, i) => {
    for (const key of Object.keys(running) as Series[]) running[key] += bucket[key];
    return { at: new Date(plan.start.getTime() + i * plan.sizeSeconds * 1000).toISOString(), ...running };
  });
}

/**
 * When each recipient who opted out did so, by the figures' rule (a keyword opt-out, or leaving one
 * of the campaign's lists, after it started; each person once, at the earlier time).
 */
async function optOutTimes(m: ReadManager, campaign: CampaignRow): Promise<Date[]> {
  if (!campaign.startedAt) return [];
  const since = sqlDate(campaign.startedAt);
  const rows = await select<{ at: string }>(
    m,
    `SELECT min(o.at) AS at FROM (
       SELECT c.id, c.opted_out_at AS at FROM contacts c
         WHERE c.opted_out = 1 AND c.opt_out_source = 'keyword' AND c.opted_out_at >= ?
       UNION ALL
       SELECT lm.contact_id, lm.unsubscribed_at FROM campaign_lists cl
         JOIN list_members lm ON lm.list_id = cl.list_id
         WHERE cl.campaign_id = ? AND lm.subscribed = 0 AND lm.unsubscribed_at >= ?) o
     WHERE EXISTS (SELECT 1 FROM messages m WHERE m.contact_id = o.id AND ${RECIPIENT_ROWS})
     GROUP BY o.id`,
    [since, campaign.id, since, campaign.id],
  );
  return rows.map((r) => fromSqlDate(r.at));
}
