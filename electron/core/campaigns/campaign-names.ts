import type { ReadManager } from '../db/read-db';
import { chunks, marks, select } from '../db/sql';

/**
 * Campaigns' names by id, for screens that name the campaign a message came from (the inbox's
 * thread and side panel): this folder owns `campaigns` (issue 9). One query per 500 ids.
 */
export async function campaignNames(m: ReadManager, ids: readonly number[]): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await select<{ id: number; name: string }>(
      m,
      `SELECT id, name FROM campaigns WHERE id IN (${marks(part.length)})`,
      part,
    );
    for (const row of rows) names.set(row.id, row.name);
  }
  return names;
}
