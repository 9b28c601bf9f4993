import type { ContactDto, ContactStatus } from '@shared/types/contacts';
import { chunks, fromSqlDate, fromSqlDateOrNull, marks, select } from '../db/sql';
import type { ReadManager } from '../db/read-db';

/** A `contacts` row as raw SQL returns it. */
export interface RawContact {
  id: number;
  name: string;
  name_key: string;
  phone: string | null;
  wa_id: string | null;
  user_id: string | null;
  username: string | null;
  email: string | null;
  status: ContactStatus;
  opted_out: number;
  opted_out_at: string | null;
  opt_out_source: string | null;
  opt_out_detail: string | null;
  marketing_held_until: string | null;
  last_inbound_at: string | null;
  created_at: string;
  updated_at: string;
}

/** The columns a DTO needs (not the search document), prefixed with the table alias `c`. */
export const CONTACT_COLUMNS =
  'c.id, c.name, c.name_key, c.phone, c.wa_id, c.user_id, c.username, c.email, c.status, c.opted_out, c.opted_out_at, ' +
  'c.opt_out_source, c.opt_out_detail, c.marketing_held_until, c.last_inbound_at, c.created_at, c.updated_at';

export async function loadContacts(m: ReadManager, ids: readonly number[]): Promise<RawContact[]> {
  const rows: RawContact[] = [];
  for (const part of chunks(ids)) {
    rows.push(
      ...(await select<RawContact>(
        m,
        `SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE c.id IN (${marks(part.length)})`,
        part,
      )),
    );
  }
  return rows;
}

export async function loadTags(m: ReadManager, ids: readonly number[]): Promise<Map<number, string[]>> {
  const byContact = new Map<number, string[]>();
  for (const part of chunks(ids)) {
    const rows = await select<{ contact_id: number; tag: string }>(
      m,
      `SELECT contact_id, tag FROM contact_tags WHERE contact_id IN (${marks(part.length)}) ORDER BY tag`,
      part,
    );
    for (const row of rows) {
      const list = byContact.get(row.contact_id) ?? [];
      list.push(row.tag);
      byContact.set(row.contact_id, list);
    }
  }
  return byContact;
}

/**
 * The contacts' custom attributes, `key → value` per contact. `keys` narrows them to those keys (the
 * campaign runner reads only what its variables are bound to, for every page it sends).
 */
export async function loadAttributes(
  m: ReadManager,
  ids: readonly number[],
  keys?: readonly string[],
): Promise<Map<number, Record<string, string>>> {
  const byContact = new Map<number, Record<string, string>>();
  if (keys && !keys.length) return byContact;
  const keyFilter = keys ? ` AND key IN (${marks(keys.length)})` : '';
  for (const part of chunks(ids)) {
    const rows = await select<{ contact_id: number; key: string; value: string }>(
      m,
      `SELECT contact_id, key, value FROM contact_attributes
       WHERE contact_id IN (${marks(part.length)})${keyFilter} ORDER BY key`,
      [...part, ...(keys ?? [])],
    );
    for (const row of rows) {
      const map = byContact.get(row.contact_id) ?? {};
      map[row.key] = row.value;
      byContact.set(row.contact_id, map);
    }
  }
  return byContact;
}

export function toContactDto(
  row: RawContact,
  tags: readonly string[],
  attributes: Readonly<Record<string, string>>,
): ContactDto {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    waId: row.wa_id,
    userId: row.user_id,
    username: row.username,
    email: row.email,
    attributes: { ...attributes },
    tags: [...tags],
    status: row.status,
    optedOut: row.opted_out === 1,
    optedOutAt: fromSqlDateOrNull(row.opted_out_at)?.toISOString() ?? null,
    optOutSource: row.opt_out_source,
    optOutDetail: row.opt_out_detail,
    marketingHeldUntil: fromSqlDateOrNull(row.marketing_held_until)?.toISOString() ?? null,
    lastInboundAt: fromSqlDateOrNull(row.last_inbound_at)?.toISOString() ?? null,
    createdAt: fromSqlDate(row.created_at).toISOString(),
    updatedAt: fromSqlDate(row.updated_at).toISOString(),
  };
}

/** DTOs for rows already read, in the same order, with two more queries (tags, attributes). */
export async function toContactDtos(m: ReadManager, rows: readonly RawContact[]): Promise<ContactDto[]> {
  const ids = rows.map((r) => r.id);
  const [tags, attributes] = await Promise.all([loadTags(m, ids), loadAttributes(m, ids)]);
  return rows.map((row) => toContactDto(row, tags.get(row.id) ?? [], attributes.get(row.id) ?? {}));
}
