import { chunks, marks, select } from '../db/sql';
import type { ReadManager } from '../db/read-db';

/**
 * Some of the custom attributes of a page of contacts: only the keys a campaign's variables are
 * bound to, not every attribute a contact has. The campaign runner reads them for each page it
 * sends; this folder owns `contact_attributes` (issue 9).
 */
export async function chosenAttributes(
  m: ReadManager,
  contactIds: readonly number[],
  keys: readonly string[],
): Promise<Map<number, Record<string, string>>> {
  const out = new Map<number, Record<string, string>>();
  if (!keys.length) return out;
  for (const part of chunks(contactIds)) {
    const found = await select<{ contactId: number; key: string; value: string }>(
      m,
      `SELECT contact_id AS contactId, key, value FROM contact_attributes
        WHERE contact_id IN (${marks(part.length)}) AND key IN (${marks(keys.length)})`,
      [...part, ...keys],
    );
    for (const a of found) {
      const record = out.get(a.contactId) ?? {};
      record[a.key] = a.value;
      out.set(a.contactId, record);
    }
  }
  return out;
}
