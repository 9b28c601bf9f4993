import { select, type Fragment } from '../db/sql';
import type { ReadManager } from '../db/read-db';

/**
 * Priced messages by day, category and type over a period of quarter hours, summed in SQL from
 * pricing_buckets, which this folder owns (issue 9): the dashboard's spending. `day` is the caller's
 * expression giving a day's index from the `bucket` column (dashboard/day-ranges.ts daySql), so the
 * database hands back one row a day rather than 96.
 */
export function pricedMessagesByDay(
  m: ReadManager,
  day: Fragment,
  fromBucket: number,
  toBucket: number,
): Promise<{ day: number; category: string; type: string; messages: number }[]> {
  return select(
    m,
    `SELECT ${day.sql} AS day, category, type, sum(messages) AS messages FROM pricing_buckets
      WHERE bucket >= ? AND bucket < ? GROUP BY 1, category, type`,
    [...day.params, fromBucket, toBucket],
  );
}
