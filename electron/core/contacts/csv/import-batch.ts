import type { EntityManager } from 'typeorm';
import { assertListsExist, subscribe } from '../../lists/membership';
import { addTags, refreshSearchDocs, upsertAttributes } from '../contact-writes';
import { buildSearchDoc, fold } from '../search-text';
import { execute, marks, rowMarks, select, sqlDate } from '../sql';
import type { ImportRow } from './import-rows';

export interface BatchOptions {
  listIds: readonly number[];
  /** Tags the wizard adds to every imported contact. */
  tags: readonly string[];
  now: Date;
}

export interface BatchOutcome {
  created: number;
  updated: number;
}

const INSERT_COLUMNS =
  'name, name_key, phone, wa_id, email, status, opted_out, search_doc, created_at, updated_at';

/**
 * Writes one batch of valid rows inside the caller's transaction: new numbers become contacts,
 * known numbers are updated (non-empty mapped fields overwrite, attributes merge, tags add), and
 * every row joins the chosen lists. Multi-row statements keep it to a dozen queries per batch.
 */
export async function writeBatch(
  m: EntityManager,
  rows: readonly ImportRow[],
  options: BatchOptions,
): Promise<BatchOutcome> {
  if (!rows.length) return { created: 0, updated: 0 };
  // A list deleted while the import runs fails this batch cleanly instead of half-writing it.
  await assertListsExist(m, options.listIds, 'listIds');
  const now = sqlDate(options.now);
  const phones = rows.map((r) => r.phone.e164);
  const known = new Map(
    (
      await select<{ id: number; phone: string }>(
        m,
        `SELECT id, phone FROM contacts WHERE phone IN (${marks(phones.length)})`,
        phones,
      )
    ).map((r) => [r.phone, r.id]),
  );
  const fresh = rows.filter((r) => !known.has(r.phone.e164));
  const existing = rows.filter((r) => known.has(r.phone.e164));

  if (fresh.length) {
    await execute(
      m,
      `INSERT INTO contacts (${INSERT_COLUMNS}) VALUES ${rowMarks(fresh.length, 10)}`,
      fresh.flatMap((r) => {
        // A number with no name is shown by its number, as WhatsApp does.
        const name = r.name ?? r.phone.e164;
        const tags = [...new Set([...r.tags, ...options.tags])];
        const doc = buildSearchDoc({ ...r.phone, name, email: r.email, tags, attributes: r.attributes });
        return [name, fold(name), r.phone.e164, r.phone.waId, r.email, 'active', 0, doc, now, now];
      }),
    );
    const freshPhones = fresh.map((r) => r.phone.e164);
    const inserted = await select<{ id: number; phone: string }>(
      m,
      `SELECT id, phone FROM contacts WHERE phone IN (${marks(freshPhones.length)})`,
      freshPhones,
    );
    for (const r of inserted) known.set(r.phone, r.id);
  }

  if (existing.length) {
    // One statement for the batch: a null (empty or unmapped cell) keeps what the contact has.
    await execute(
      m,
      `UPDATE contacts SET name = COALESCE(v.column2, contacts.name), email = COALESCE(v.column3, contacts.email),
         updated_at = ? FROM (VALUES ${rowMarks(existing.length, 3)}) AS v WHERE contacts.id = v.column1`,
      [now, ...existing.flatMap((r) => [known.get(r.phone.e164), r.name, r.email])],
    );
  }

  const idOf = (r: ImportRow) => known.get(r.phone.e164)!;
  await addTags(
    m,
    rows.flatMap((r) =>
      [...new Set([...r.tags, ...options.tags])].map((tag) => ({ contactId: idOf(r), tag })),
    ),
  );
  await upsertAttributes(
    m,
    rows.flatMap((r) =>
      Object.entries(r.attributes).map(([key, value]) => ({ contactId: idOf(r), key, value })),
    ),
  );
  // New contacts got their search text on insert; updated ones now have new name, tags or values.
  await refreshSearchDocs(m, existing.map(idOf), null);
  const ids = rows.map(idOf);
  for (const listId of new Set(options.listIds)) await subscribe(m, listId, ids, options.now);
  return { created: fresh.length, updated: existing.length };
}
