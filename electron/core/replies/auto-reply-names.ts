import type { ReadManager } from '../db/read-db';
import { chunks, marks, select } from '../db/sql';

/**
 * Auto-reply rules' names by id, for the inbox's thread ("sent by the rule …"): this folder owns
 * `auto_replies` (issue 9). One query per 500 ids.
 */
export async function autoReplyNames(m: ReadManager, ids: readonly number[]): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await select<{ id: number; name: string }>(
      m,
      `SELECT id, name FROM auto_replies WHERE id IN (${marks(part.length)})`,
      part,
    );
    for (const row of rows) names.set(row.id, row.name);
  }
  return names;
}
