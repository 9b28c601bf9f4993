import { fromSqlDate, select, sqlDate } from '../db/sql';
import type { ReadManager } from '../db/read-db';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Customers counted against the messaging limit now, and when the first of them stops counting. */
export interface ReachNow {
  /** Unique customers reached with a template outside a service window in the last 24 h. */
  used: number;
  /** When the oldest of them leaves the moving window: one more customer fits from then. */
  nextRoomAt: Date | null;
}

/** From portfolio_reach (kept by a trigger as messages go out): an index range, not a scan. */
export async function reachNow(m: ReadManager, now: Date): Promise<ReachNow> {
  const since = sqlDate(new Date(now.getTime() - DAY_MS));
  const [row] = await select<{ used: number; oldest: string | null }>(
    m,
    `SELECT count(*) AS used, min(reached_at) AS oldest FROM portfolio_reach WHERE reached_at > ?`,
    [since],
  );
  return {
    used: row?.used ?? 0,
    nextRoomAt: row?.oldest ? new Date(fromSqlDate(row.oldest).getTime() + DAY_MS) : null,
  };
}

/** Every customer in the window with their last reach, oldest first (the runner's starting point). */
export async function reachedInWindow(m: ReadManager, now: Date): Promise<[waId: string, at: number][]> {
  const rows = await select<{ wa_id: string; reached_at: string }>(
    m,
    `SELECT wa_id, reached_at FROM portfolio_reach WHERE reached_at > ? ORDER BY reached_at`,
    [sqlDate(new Date(now.getTime() - DAY_MS))],
  );
  return rows.map((r) => [r.wa_id, fromSqlDate(r.reached_at).getTime()]);
}
