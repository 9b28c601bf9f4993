import type { EntityManager } from 'typeorm';
import type { ImportMode } from '@shared/types/contacts';
import { assertListsExist, subscribe } from '../../lists/membership';
import { addTags, refreshSearchDocs, upsertAttributes } from '../contact-writes';
import { buildSearchDoc, fold } from '../search-text';
import { execute, rowMarks, sqlDate } from '../../db/sql';
import { writeReturning } from '../../db/prepared-writes';
import { changesSomething, loadExisting, plannedChange } from './import-diff';
import type { ImportRow } from './import-rows';

export interface BatchOptions {
  listIds: readonly number[];
  /** Tags the wizard adds to every imported contact. */
  tags: readonly string[];
  /** What a row does to a contact that exists: overwrite what differs, or only fill what is empty. */
  mode: ImportMode;
  now: Date;
}

export interface BatchOutcome {
  created: number;
  /** Known contacts the rows changed. */
  updated: number;
  /** Rows that matched a known contact and changed nothing on it. */
  unchanged: number;
  /** Rows of the batch written, from its start: fewer than given when the transaction ended early. */
  written: number;
}

/** Rows per group of statements: an update of 500 known contacts binds 1,501 of SQLite's 32,766 parameters. */
export const STATEMENT_ROWS = 500;

/** New contacts from a JSON array of [name, name_key, phone, wa_id, user_id, email, search_doc]. */
const INSERT_CONTACTS = `INSERT INTO contacts
  (name, name_key, phone, wa_id, user_id, email, search_doc, status, opted_out, created_at, updated_at)
  SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5,
    j.value ->> 6, 'active', 0, ?, ? FROM json_each(?) AS j WHERE true
  RETURNING id, phone, user_id`;

/**
 * Writes a batch of valid rows inside the caller's transaction, STATEMENT_ROWS at a time. Larger
 * transactions make a big import faster (each commit waits for the disk and leaves the full-text
 * index one more segment to merge: 100,000 rows in 15.4 s in transactions of 2,000, 16.6 s in
 * transactions of 500), so `endEarly` is asked after each group: when someone waits for an urgent
 * write (a webhook's acknowledgement), the transaction ends there and `written` says where.
 */
export async function writeBatch(
  m: EntityManager,
  rows: readonly ImportRow[],
  options: BatchOptions,
  endEarly: () => boolean = () => false,
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { created: 0, updated: 0, unchanged: 0, written: 0 };
  if (!rows.length) return outcome;
  // A list deleted while the import runs fails this batch cleanly instead of half-writing it.
  await assertListsExist(m, options.listIds, 'listIds');
  for (let start = 0; start < rows.length; start += STATEMENT_ROWS) {
    const group = rows.slice(start, start + STATEMENT_ROWS);
    const written = await writeGroup(m, group, options);
    outcome.created += written.created;
    outcome.updated += written.updated;
    outcome.unchanged += written.unchanged;
    outcome.written += group.length;
    if (endEarly()) break;
  }
  return outcome;
}

/**
 * New numbers become contacts, known numbers are updated as `plannedChange` says (the same
 * function the import check counts with, so the check and the import cannot disagree), and every
 * row joins the chosen lists. Multi-row statements keep it to a dozen queries per group.
 */
async function writeGroup(
  m: EntityManager,
  rows: readonly ImportRow[],
  options: BatchOptions,
): Promise<Omit<BatchOutcome, 'written'>> {
  const now = sqlDate(options.now);
  const found = await loadExisting(m, rows);
  const fresh = rows.filter((r) => !found.of(r));
  const existing = rows.filter((r) => found.of(r));
  // By number, else by user id: how a row finds the id of the contact it made or matched.
  const known = new Map<string, number>();
  const keyOf = (r: Pick<ImportRow, 'phone' | 'userId'>) => r.phone?.e164 ?? r.userId!;
  // A new contact's tags: the file's and the wizard's.
  const tagsOf = (r: ImportRow) => [...new Set([...r.tags, ...options.tags])];
  for (const r of existing) known.set(keyOf(r), found.of(r)!.id);

  if (fresh.length) {
    // The rows go in as one JSON array (binding eleven parameters a row one by one held the
    // writer), so the text is fixed and prepared once; their ids come back with them, no second
    // lookup of the numbers just inserted.
    const inserted = await writeReturning<{ id: number; phone: string | null; user_id: string | null }>(
      m,
      INSERT_CONTACTS,
      [
        now,
        now,
        JSON.stringify(
          fresh.map((r) => {
            // A number with no name is shown by its number, as WhatsApp does (a user id the same way).
            const name = r.name ?? keyOf(r);
            const waId = r.phone?.waId ?? null;
            const doc = buildSearchDoc({
              waId,
              name,
              email: r.email,
              tags: tagsOf(r),
              attributes: r.attributes,
            });
            return [name, fold(name), r.phone?.e164 ?? null, waId, r.userId, r.email, doc];
          }),
        ),
      ],
    );
    for (const r of inserted) known.set(r.phone ?? r.user_id!, r.id);
  }

  const idOf = (r: ImportRow) => known.get(keyOf(r))!;
  const attributeWrites = fresh.flatMap((r) =>
    Object.entries(r.attributes).map(([key, value]) => ({ contactId: idOf(r), key, value })),
  );
  const tagWrites = fresh.flatMap((r) => tagsOf(r).map((tag) => ({ contactId: idOf(r), tag })));
  // A known contact is written only where the row changes it: importing the same file again
  // leaves its contacts (and when they were last updated) as they are, and costs a lookup a row.
  const changed = existing
    .map((r) => ({ row: r, change: plannedChange(r, found.of(r)!, options.mode, options.tags) }))
    .filter(({ change }) => changesSomething(change));
  if (changed.length) {
    // One statement for the batch: a null keeps what the contact has.
    await execute(
      m,
      `UPDATE contacts SET name = COALESCE(v.column2, contacts.name), email = COALESCE(v.column3, contacts.email),
         updated_at = ? FROM (VALUES ${rowMarks(changed.length, 3)}) AS v WHERE contacts.id = v.column1`,
      [now, ...changed.flatMap(({ row, change }) => [idOf(row), change.name, change.email])],
    );
    for (const { row, change } of changed) {
      for (const [key, value] of Object.entries(change.attributes))
        attributeWrites.push({ contactId: idOf(row), key, value });
      for (const tag of change.newTags) tagWrites.push({ contactId: idOf(row), tag });
    }
  }

  await addTags(m, tagWrites);
  await upsertAttributes(m, attributeWrites);
  // New contacts got their search text on insert; changed ones now have new name, tags or values.
  await refreshSearchDocs(
    m,
    changed.map(({ row }) => idOf(row)),
    null,
  );
  const ids = rows.map(idOf);
  for (const listId of new Set(options.listIds)) await subscribe(m, listId, ids, options.now);
  return { created: fresh.length, updated: changed.length, unchanged: existing.length - changed.length };
}
