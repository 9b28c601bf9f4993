import type { CampaignAnalyticsDto } from '@shared/types/campaigns';
import { select } from '../../contacts/sql';
import { RECIPIENT_ROWS } from './recipient-sql';
import type { ReadManager } from '../../db/read-db';

type Timeline = CampaignAnalyticsDto['timeline'];

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

/** The smallest bucket size that covers start…end in at most MAX_BUCKETS buckets. */
export function planBuckets(start: Date, end: Date): BucketPlan {
  for (const size of STEPS) {
    const plan = planWithSize(start, end, size);
    if (plan.count <= MAX_BUCKETS) return plan;
  }
  return planWithSize(start, end, STEPS[STEPS.length - 1]!);
}

function planWithSize(start: Date, end: Date, sizeSeconds: number): BucketPlan {
  const sizeMs = sizeSeconds * 1000;
  const first = Math.floor(start.getTime() / sizeMs) * sizeMs;
  const count = Math.max(1, Math.floor((end.getTime() - first) / sizeMs) + 1);
  return { start: new Date(first), sizeSeconds, count };
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
 * One pass over the campaign's rows (the messages_campaign_stats index alone), grouped by status and
 * the four buckets a row can count in: a row's times are close together, so the groups are few.
 */
export async function timeline(m: ReadManager, campaignId: number, plan: BucketPlan): Promise<Timeline> {
  const sql = `SELECT ${SERIES.map((s) => `${bucketOf(s)} AS ${s.kind}`).join(', ')}, count(*) AS n
    FROM messages m WHERE ${RECIPIENT_ROWS} AND m.status IN ('sent', 'delivered', 'read', 'failed')
    GROUP BY m.status, 1, 2, 3, 4`;
  const rows = await select<Record<(typeof SERIES)[number]['kind'] | 'n', number | null>>(m, sql, [
    ...SERIES.flatMap(() => [plan.count - 1, plan.start.getTime(), plan.sizeSeconds * 1000]),
    campaignId,
  ]);
  const buckets: Timeline = Array.from({ length: plan.count }, (_, i) => ({
    at: new Date(plan.start.getTime() + i * plan.sizeSeconds * 1000).toISOString(),
    sent: 0,
    delivered: 0,
    read: 0,
    failed: 0,
  }));
  for (const row of rows) {
    for (const { kind } of SERIES) {
      const index = row[kind];
      if (index !== null) buckets[index]![kind] += row.n ?? 0;
    }
  }
  return buckets;
}
