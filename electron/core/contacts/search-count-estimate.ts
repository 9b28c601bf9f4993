import { select } from '../db/sql';
import type { ReadManager } from '../db/read-db';

/**
 * How many contacts a full-text search matches, exactly when that is cheap and estimated when it is
 * not. FTS5 counts a broad term by matching every document: "example.com" in 66,533 of 100,000
 * contacts takes 17 ms of CPU, most of page 1's time, and grows with the address book. Counting stops
 * early when capped (5,000 matches: 1.5 ms), and beyond the cap the matches in ten evenly spread
 * slices of the id range (a tenth of it in all, ~2.5 ms) give the rest (bench/README.md).
 */

/** Up to this many matches the count is exact. */
export const EXACT_UP_TO = 5_000;
const SLICES = 10;
/** The share of the id range the slices cover together. */
const SAMPLED = 0.1;

export interface SearchCount {
  total: number;
  estimated: boolean;
}

/** `match` is an FTS5 MATCH expression over contacts_fts; `contacts` how many contacts there are. */
export async function countSearch(m: ReadManager, match: string, contacts: number): Promise<SearchCount> {
  const [capped] = await select<{ n: number }>(
    m,
    'SELECT count(*) AS n FROM (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ? LIMIT ?)',
    [match, EXACT_UP_TO + 1],
  );
  const atLeast = capped?.n ?? 0;
  if (atLeast <= EXACT_UP_TO) return { total: atLeast, estimated: false };

  const [top] = await select<{ id: number | null }>(m, 'SELECT max(id) AS id FROM contacts');
  const maxId = top?.id ?? 0;
  const width = Math.max(1, Math.ceil((maxId * SAMPLED) / SLICES));
  const parts: string[] = [];
  const params: unknown[] = [];
  for (let k = 0; k < SLICES; k += 1) {
    const from = Math.floor((k * maxId) / SLICES) + 1;
    parts.push('(SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH ? AND rowid BETWEEN ? AND ?)');
    params.push(match, from, from + width - 1);
  }
  const [sample] = await select<{ n: number }>(m, `SELECT ${parts.join(' + ')} AS n`, params);
  // Ids are the contacts' rowids: the share of the id range sampled is the share of the contacts.
  const scaled = ((sample?.n ?? 0) * maxId) / (SLICES * width);
  // Three significant figures: it is shown as "about 66,500", and more would claim a precision it lacks.
  const rounded = Number(scaled.toPrecision(3));
  return { total: Math.min(contacts, Math.max(EXACT_UP_TO + 1, rounded)), estimated: true };
}
