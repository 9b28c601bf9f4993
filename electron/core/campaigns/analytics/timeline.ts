import type { CampaignAnalyticsDto, TimelineBucket } from '@shared/types/campaigns';
import { noTotals } from '@shared/timeline-points';
import { select } from '../../db/sql';
import type { CampaignRow } from '../../db/entities/campaign';
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

const SERIES = ['sent', 'delivered', 'read', 'failed', 'replied'] as const;

/**
 * Running totals per bucket, so a line never falls and the last bucket holds the campaign's
 * figures. Each figure counts once, at the time it happened, read from the campaign's minutes
 * (campaign_minutes, kept by 0024's triggers: sent at the time it went out, delivered when
 * delivered, read when read, failed when it failed, a missing time falling back to the next that
 * exists; replied at the first answer); opt-outs by keyword, or leaving one of the
 * campaign's lists, after the start. Times before the start, or not known, land in the first
 * bucket; times after the end in the last.
 */
export async function timeline(
  m: ReadManager,
  campaign: CampaignRow,
  plan: BucketPlan,
  /** When each recipient opted out (optedOutAt), read once for the figures and the timeline. */
  optOutTimes: Promise<Date[]>,
): Promise<Timeline> {
  const [minutes, optOuts] = await Promise.all([
    select<{ minute: number } & Record<(typeof SERIES)[number], number>>(
      m,
      `SELECT minute, sent, delivered, read, failed, replied FROM campaign_minutes WHERE campaign_id = ?`,
      [campaign.id],
    ),
    optOutTimes,
  ]);
  const counts: Record<Series, number>[] = Array.from({ length: plan.count }, noTotals);
  const sizeMs = plan.sizeSeconds * 1000;
  const indexOf = (ms: number) =>
    Math.max(0, Math.min(plan.count - 1, Math.floor((ms - plan.start.getTime()) / sizeMs)));
  // Minute 0: a figure whose time is not known, counted from the start.
  const ofMinute = (minute: number | null) => (minute ? indexOf(minute * 60_000) : 0);
  for (const row of minutes) {
    const bucket = counts[ofMinute(row.minute)]!;
    for (const kind of SERIES) bucket[kind] += row[kind];
  }
  for (const time of optOuts) counts[indexOf(time.getTime())]!.optedOut++;

  const running: Record<Series, number> = noTotals();
  return counts.map((bucket, i) => {
    for (const key of Object.keys(running) as Series[]) running[key] += bucket[key];
    return { at: new Date(plan.start.getTime() + i * sizeMs).toISOString(), ...running };
  });
}
