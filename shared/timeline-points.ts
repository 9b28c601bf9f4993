import type { TimelineBucket } from './types/campaigns';

/** One point of the campaign's running-total chart: a time and the totals by then. */
export interface TimelinePoint {
  /** Milliseconds since the epoch. */
  at: number;
  totals: Omit<TimelineBucket, 'at'>;
}

/** A bucket's figures before anything happened, a new object each call (the core adds to it). */
export function noTotals(): Omit<TimelineBucket, 'at'> {
  return { sent: 0, delivered: 0, read: 0, replied: 0, failed: 0, optedOut: 0 };
}

/**
 * The points a running-total chart draws: nothing yet where the first bucket begins, then each
 * bucket's totals at its end. Without the first point a campaign that went out within one minute was
 * one dot per line at a single time, a chart with nothing to read.
 */
export function timelinePoints(buckets: readonly TimelineBucket[], bucketSeconds: number): TimelinePoint[] {
  const first = buckets[0];
  if (!first) return [];
  return [
    { at: Date.parse(first.at), totals: noTotals() },
    ...buckets.map(({ at, ...totals }) => ({ at: Date.parse(at) + bucketSeconds * 1000, totals })),
  ];
}
