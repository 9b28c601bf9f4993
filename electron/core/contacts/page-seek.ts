/**
 * Keyset paging for the contacts table and a list's members. `LIMIT … OFFSET n` walks and discards
 * n rows, so page 500 of a broad search read 12,500 rows (57 ms at 100,000 contacts). The table's
 * footer moves by first, previous, next and last page; each of those has a page next to it already
 * shown, so a page is read by seeking past that neighbour's sort key instead (one index seek and one
 * page of rows), and the last page is read backwards from the end.
 *
 * This file is pure: which way to read a page, given the pages already seen. The SQL lives in
 * contact-search.ts and lists/member-query.ts, the memory of seen pages in page-memory.ts.
 */

/** Where a row sits in the order: its sort column's value (null: no phone, or no last message) and id. */
export interface SortKey {
  value: string | null;
  id: number;
}

/** The first and last row of a page that has been read. */
export interface PageEdges {
  first: SortKey;
  last: SortKey;
}

/**
 * How to read one page: walk forward (in the order asked for) or backward (the reverse order, rows
 * reversed afterwards), optionally from just past a known row, skipping `offset` rows, taking `limit`.
 */
export interface PageRead {
  backward: boolean;
  from: SortKey | null;
  offset: number;
  limit: number;
}

/**
 * The cheapest read of page `page` (1-based) of `total` rows: the fewest rows skipped, from the
 * start, the end, or the nearest page already read on either side.
 */
export function planPageRead(
  page: number,
  pageSize: number,
  total: number,
  seen: ReadonlyMap<number, PageEdges>,
): PageRead {
  const start = (page - 1) * pageSize;
  const end = Math.min(page * pageSize, total);
  const limit = end - start;
  let best: PageRead = { backward: false, from: null, offset: start, limit };
  const consider = (read: PageRead) => {
    if (read.offset < best.offset) best = read;
  };
  consider({ backward: true, from: null, offset: total - end, limit });
  let below = 0;
  let above = Infinity;
  for (const known of seen.keys()) {
    if (known < page && known > below) below = known;
    if (known > page && known < above) above = known;
  }
  if (below)
    consider({ backward: false, from: seen.get(below)!.last, offset: (page - 1 - below) * pageSize, limit });
  // A page after this one exists, so this one is full: it ends where page `above` begins.
  if (above !== Infinity)
    consider({ backward: true, from: seen.get(above)!.first, offset: (above - 1 - page) * pageSize, limit });
  return best;
}

/**
 * The condition "after `key` in the walk": ascending walks want larger keys, descending smaller.
 * SQLite orders NULL before every value, so a nullable column needs the NULL rows said explicitly;
 * `(col, c.id) > (?, ?)` seeks in the column's index.
 */
export function seekCondition(
  column: string,
  nullable: boolean,
  ascending: boolean,
  key: SortKey,
): { sql: string; params: unknown[] } {
  const op = ascending ? '>' : '<';
  if (key.value === null) {
    return ascending
      ? { sql: `((${column} IS NULL AND c.id > ?) OR ${column} IS NOT NULL)`, params: [key.id] }
      : { sql: `(${column} IS NULL AND c.id < ?)`, params: [key.id] };
  }
  const after = `(${column}, c.id) ${op} (?, ?)`;
  if (nullable && !ascending) return { sql: `(${after} OR ${column} IS NULL)`, params: [key.value, key.id] };
  return { sql: after, params: [key.value, key.id] };
}
