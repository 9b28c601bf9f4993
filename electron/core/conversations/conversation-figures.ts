import type { EntityManager } from 'typeorm';
import type { DashboardConversationMemberDto, DashboardConversationsDto } from '@shared/types/dashboard';
import { execute, select, sqlDate } from '../db/sql';
import type { ReadManager } from '../db/read-db';
import { usersByIds } from '../people/user-rows';
import { bucketOf } from '../pricing/buckets';
import { daySql, type DayRange } from '../dashboard/day-ranges';

/**
 * The inbox's figures for the dashboard (tables of migration 0022), written by this domain in the
 * transaction of each change and read by the dashboard through `conversationFigures`: opened and
 * resolved per quarter hour, and each opening with the first member reply it got. Reading them
 * costs the same at a million messages as at ten.
 */

async function addToBucket(m: EntityManager, at: Date, userId: number, opened: number, resolved: number) {
  await execute(
    m,
    `INSERT INTO conversation_buckets (bucket, user_id, opened, resolved) VALUES (?, ?, ?, ?)
     ON CONFLICT (bucket, user_id) DO UPDATE SET opened = opened + excluded.opened,
       resolved = resolved + excluded.resolved`,
    [bucketOf(at), userId, opened, resolved],
  );
}

/**
 * A conversation was created or reopened. `byCustomer`: their message opened it, so the first
 * member reply after is a first response; a member's own start or reopen waits for nobody.
 */
export async function recordOpened(m: EntityManager, conversationId: number, at: Date, byCustomer: boolean) {
  await addToBucket(m, at, 0, 1, 0);
  await execute(
    m,
    `INSERT INTO conversation_openings (conversation_id, opened_at, awaits_response) VALUES (?, ?, ?)`,
    [conversationId, sqlDate(at), byCustomer ? 1 : 0],
  );
}

/** A conversation was resolved; it counts for the member it was assigned to (0: nobody). */
export async function recordResolved(m: EntityManager, assignedUserId: number | null, at: Date) {
  await addToBucket(m, at, assignedUserId ?? 0, 0, 1);
}

/**
 * A member sent a message in a conversation: when its latest opening was the customer's and has
 * no reply yet, this is the first response (later replies change nothing).
 */
export async function recordMemberReply(m: EntityManager, conversationId: number, userId: number, at: Date) {
  await execute(
    m,
    `UPDATE conversation_openings SET responded_at = ?, responded_by_user_id = ?, response_bucket = ?,
       response_seconds = max(0, CAST(round((julianday(?) - julianday(opened_at)) * 86400) AS INTEGER))
     WHERE id = (SELECT max(id) FROM conversation_openings WHERE conversation_id = ?)
       AND awaits_response = 1 AND responded_at IS NULL`,
    [sqlDate(at), userId, bucketOf(at), sqlDate(at), conversationId],
  );
}

interface MedianRow {
  user_id: number | null;
  n: number;
  median: number | null;
}

const median = (sorted: readonly number[]) =>
  sorted.length === 0 ? null : (sorted[(sorted.length - 1) >> 1]! + sorted[sorted.length >> 1]!) / 2;

/**
 * The median first-response seconds and counts in a range of buckets, overall (`user_id` null)
 * and per member, from the period's responses (one row per opening, read through the covering
 * index). Sorted here: SQLite's window functions over the same rows took 0.6 s at 20,000.
 */
async function firstResponseMedians(
  m: ReadManager,
  fromBucket: number,
  toBucket: number,
): Promise<MedianRow[]> {
  const rows = await select<{ u: number; s: number }>(
    m,
    `SELECT responded_by_user_id AS u, response_seconds AS s FROM conversation_openings
      WHERE response_bucket >= ? AND response_bucket < ?`,
    [fromBucket, toBucket],
  );
  const all = Float64Array.from(rows, (r) => r.s).sort();
  const byUser = new Map<number, number[]>();
  for (const r of rows) {
    const list = byUser.get(r.u) ?? [];
    list.push(r.s);
    byUser.set(r.u, list);
  }
  const out: MedianRow[] = [{ user_id: null, n: all.length, median: median(Array.from(all)) }];
  for (const [u, list] of byUser) {
    list.sort((a, b) => a - b);
    out.push({ user_id: u, n: list.length, median: median(list) });
  }
  return out;
}

/** The period's conversation figures, per day and per member, and the inbox as it stands now. */
export async function conversationFigures(
  m: ReadManager,
  ranges: readonly DayRange[],
): Promise<DashboardConversationsDto> {
  const fromBucket = ranges[0]!.fromBucket;
  const toBucket = ranges.at(-1)!.toBucket;
  const day = daySql(ranges);
  const [byDay, byMember, medians, now] = await Promise.all([
    select<{ day: number; opened: number; resolved: number }>(
      m,
      `SELECT ${day.sql} AS day, sum(opened) AS opened, sum(resolved) AS resolved FROM conversation_buckets
        WHERE bucket >= ? AND bucket < ? GROUP BY 1`,
      [...day.params, fromBucket, toBucket],
    ),
    select<{ user_id: number; resolved: number }>(
      m,
      `SELECT user_id, sum(resolved) AS resolved FROM conversation_buckets
        WHERE bucket >= ? AND bucket < ? AND user_id <> 0 GROUP BY user_id`,
      [fromBucket, toBucket],
    ),
    firstResponseMedians(m, fromBucket, toBucket),
    // The index on (status, assigned_user_id, …) answers this without reading conversations.
    select<{ user_id: number | null; n: number }>(
      m,
      `SELECT assigned_user_id AS user_id, count(*) AS n FROM conversations WHERE status = 'open'
        GROUP BY assigned_user_id`,
    ),
  ]);

  const perDay = ranges.map((r) => ({ date: r.date, opened: 0, resolved: 0 }));
  for (const row of byDay) {
    const entry = perDay[row.day];
    if (!entry) continue;
    entry.opened += row.opened;
    entry.resolved += row.resolved;
  }

  const members = new Map<number, Omit<DashboardConversationMemberDto, 'name'>>();
  const member = (userId: number) => {
    let entry = members.get(userId);
    if (!entry) {
      entry = { userId, openNow: 0, resolved: 0, firstResponses: 0, medianFirstResponseSeconds: null };
      members.set(userId, entry);
    }
    return entry;
  };
  for (const row of byMember) if (row.resolved > 0) member(row.user_id).resolved = row.resolved;
  let overall: MedianRow | undefined;
  for (const row of medians) {
    if (row.user_id === null) {
      overall = row;
      continue;
    }
    const entry = member(row.user_id);
    entry.firstResponses = row.n;
    entry.medianFirstResponseSeconds = row.median;
  }
  let openNow = 0;
  let unassignedNow = 0;
  for (const row of now) {
    openNow += row.n;
    if (row.user_id === null) unassignedNow = row.n;
    else member(row.user_id).openNow = row.n;
  }

  const nameOf = new Map((await usersByIds(m, [...members.keys()])).map((u) => [u.id, u.name]));
  return {
    opened: perDay.reduce((sum, d) => sum + d.opened, 0),
    resolved: perDay.reduce((sum, d) => sum + d.resolved, 0),
    openNow,
    unassignedNow,
    firstResponses: overall?.n ?? 0,
    medianFirstResponseSeconds: overall?.median ?? null,
    members: [...members.values()]
      .map((e) => ({ ...e, name: nameOf.get(e.userId) ?? `Former member #${e.userId}` }))
      .sort(
        (a, b) =>
          b.resolved - a.resolved || b.firstResponses - a.firstResponses || a.name.localeCompare(b.name),
      ),
    perDay,
  };
}
