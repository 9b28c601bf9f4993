import type { EntityManager } from 'typeorm';
import { loadAttributes, loadContacts, loadTags } from './contact-rows';
import { buildSearchDoc, fold } from './search-text';
import { chunks, execute, rowMarks, sqlDate } from '../db/sql';

/** Writes of a contact's tags and attributes, and of the derived search columns. */

/**
 * Rows go in as one JSON array a statement (`json_each`): binding two parameters a row one by one
 * on the main thread held the writer between statements during an import (bench/README.md).
 */
export async function addTags(
  m: EntityManager,
  pairs: readonly { contactId: number; tag: string }[],
): Promise<number> {
  let added = 0;
  for (const part of chunks(pairs)) {
    added += await execute(
      m,
      `INSERT INTO contact_tags (contact_id, tag)
       SELECT j.value ->> 0, j.value ->> 1 FROM json_each(?) AS j WHERE true ON CONFLICT DO NOTHING`,
      [JSON.stringify(part.map((p) => [p.contactId, p.tag]))],
    );
  }
  return added;
}

export async function replaceTags(
  m: EntityManager,
  contactId: number,
  tags: readonly string[],
): Promise<void> {
  await execute(m, `DELETE FROM contact_tags WHERE contact_id = ?`, [contactId]);
  await addTags(
    m,
    [...new Set(tags)].map((tag) => ({ contactId, tag })),
  );
}

/** Sets attribute values, overwriting a key a contact already has and keeping the others. */
export async function upsertAttributes(
  m: EntityManager,
  rows: readonly { contactId: number; key: string; value: string }[],
): Promise<void> {
  for (const part of chunks(rows)) {
    // One JSON array a statement, as addTags; `WHERE true` lets SQLite read the upsert's ON.
    await execute(
      m,
      `INSERT INTO contact_attributes (contact_id, key, value)
       SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2 FROM json_each(?) AS j WHERE true
       ON CONFLICT (contact_id, key) DO UPDATE SET value = excluded.value`,
      [JSON.stringify(part.map((r) => [r.contactId, r.key, r.value]))],
    );
  }
}

export async function replaceAttributes(
  m: EntityManager,
  contactId: number,
  attributes: Readonly<Record<string, string>>,
): Promise<void> {
  await execute(m, `DELETE FROM contact_attributes WHERE contact_id = ?`, [contactId]);
  await upsertAttributes(
    m,
    Object.entries(attributes).map(([key, value]) => ({ contactId, key, value })),
  );
}

/**
 * Recomputes `name_key` and `search_doc` from what is stored, after anything they are built from
 * changed (name, email, tags, attributes); the FTS triggers follow. `touch` also sets updated_at.
 * One multi-row UPDATE per 500 contacts keeps bulk tagging of a whole table in seconds.
 */
export async function refreshSearchDocs(
  m: EntityManager,
  ids: readonly number[],
  touch: Date | null,
): Promise<void> {
  for (const part of chunks([...new Set(ids)])) {
    const [rows, tags, attributes] = await Promise.all([
      loadContacts(m, part),
      loadTags(m, part),
      loadAttributes(m, part),
    ]);
    if (!rows.length) continue;
    const values = rows.flatMap((row) => {
      const doc = buildSearchDoc({
        name: row.name,
        waId: row.wa_id,
        username: row.username,
        email: row.email,
        tags: tags.get(row.id) ?? [],
        attributes: attributes.get(row.id) ?? {},
      });
      return [row.id, fold(row.name), doc];
    });
    // The SET clause comes before FROM in the text, so its parameter comes first.
    const touchSql = touch ? ', updated_at = ?' : '';
    await execute(
      m,
      `UPDATE contacts SET name_key = v.column2, search_doc = v.column3${touchSql}
       FROM (VALUES ${rowMarks(rows.length, 3)}) AS v WHERE contacts.id = v.column1`,
      touch ? [sqlDate(touch), ...values] : values,
    );
  }
}
