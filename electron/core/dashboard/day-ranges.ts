import { BUCKET_SECONDS } from '../pricing/buckets';

const BUCKETS_A_DAY = 86_400 / BUCKET_SECONDS;

/** One day of the organization's time zone, as a range of quarter-hour buckets. */
export interface DayRange {
  /** `YYYY-MM-DD` in the zone. */
  date: string;
  start: Date;
  fromBucket: number;
  /** Exclusive. */
  toBucket: number;
}

/**
 * Formatters by zone, made once: building an `Intl.DateTimeFormat` costs about half a millisecond,
 * and a 90-day period needs some 200 look-ups (this was most of the dashboard's time at 90 days).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formatters.get(key);
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

function offsetMinutes(timeZone: string, at: Date): number {
  const name = formatter(
    `offset ${timeZone}`,
    () => new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }),
  )
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? '');
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/** The calendar date of an instant in a zone. */
export function dateIn(timeZone: string, at: Date): string {
  return formatter(
    `date ${timeZone}`,
    () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  ).format(at);
}

/** Midnights already worked out, by zone and date: a past day's midnight never moves. */
const midnights = new Map<string, Date>();

/** Midnight of a calendar date in a zone, as an instant (twice: the offset may change that day). */
function midnight(date: string, timeZone: string): Date {
  const key = `${timeZone} ${date}`;
  const known = midnights.get(key);
  if (known) return new Date(known.getTime());
  if (midnights.size > 10_000) midnights.clear();
  const instant = findMidnight(date, timeZone);
  midnights.set(key, instant);
  return instant;
}

function findMidnight(date: string, timeZone: string): Date {
  const asUtc = new Date(`${date}T00:00:00Z`);
  let instant = new Date(asUtc.getTime() - offsetMinutes(timeZone, asUtc) * 60_000);
  instant = new Date(asUtc.getTime() - offsetMinutes(timeZone, instant) * 60_000);
  return instant;
}

function previousDate(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The last `days` days up to now in the zone, oldest first; today ends now. Every zone's offset is
 * a multiple of 15 minutes, so each day is a whole number of buckets.
 */
export function dayRanges(timeZone: string, days: number, now: Date): DayRange[] {
  const dates: string[] = [dateIn(timeZone, now)];
  while (dates.length < days) dates.unshift(previousDate(dates[0]!));
  const starts = dates.map((d) => midnight(d, timeZone));
  const nowBucket = Math.floor(now.getTime() / 1000 / BUCKET_SECONDS) + 1;
  return dates.map((date, i) => ({
    date,
    start: starts[i]!,
    fromBucket: Math.round(starts[i]!.getTime() / 1000 / BUCKET_SECONDS),
    toBucket:
      i + 1 < starts.length ? Math.round(starts[i + 1]!.getTime() / 1000 / BUCKET_SECONDS) : nowBucket,
  }));
}

/** The index of the day a bucket falls in; -1 outside the period. */
export function dayOf(ranges: readonly DayRange[], bucket: number): number {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid]!;
    if (bucket < r.fromBucket) hi = mid - 1;
    else if (bucket >= r.toBucket) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/**
 * SQL giving the index of the day a `bucket` column falls in, with its parameters: the database
 * sums quarter hours into days and hands back one row a day rather than 96.
 */
export function daySql(ranges: readonly DayRange[], column = 'bucket'): { sql: string; params: number[] } {
  // Days of 96 quarter hours (no change of clocks in the period): one division per row rather
  // than a CASE of up to 89 comparisons, which took most of the query's time at 90 days.
  const whole = ranges.slice(0, -1).every((r) => r.toBucket - r.fromBucket === BUCKETS_A_DAY);
  if (whole) {
    return {
      sql: `min((${column} - ?) / ${BUCKETS_A_DAY}, ${ranges.length - 1})`,
      params: [ranges[0]!.fromBucket],
    };
  }
  const whens = ranges.slice(1).map((_, i) => `WHEN ${column} < ? THEN ${i}`);
  return {
    sql: `CASE ${whens.join(' ')} ELSE ${ranges.length - 1} END`,
    params: ranges.slice(1).map((r) => r.fromBucket),
  };
}
