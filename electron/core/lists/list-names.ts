import { select } from '../db/sql';
import type { ReadManager } from '../db/read-db';

/**
 * Whether a list already has this name, regardless of case (the column is COLLATE NOCASE, so such a
 * name would clash on insert): retargeting picks a free name for the list it makes in its own
 * transaction. This folder owns `lists` (issue 9).
 */
export async function listNameTaken(m: ReadManager, name: string): Promise<boolean> {
  const [taken] = await select<{ id: number }>(m, 'SELECT id FROM lists WHERE name = ? COLLATE NOCASE', [
    name,
  ]);
  return taken !== undefined;
}
