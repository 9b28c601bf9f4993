import { isBusinessUserId } from '@shared/customer-id';
import type { ImportMode } from '@shared/types/contacts';
import { loadAttributes, loadTags } from '../contact-rows';
import { select } from '../../db/sql';
import type { ReadManager } from '../../db/read-db';
import { byNumberOrUserId } from './by-number-or-user-id';
import type { ImportRow } from './import-rows';

/** What a contact already has, for the fields an import can change. */
export interface ExistingContact {
  id: number;
  name: string;
  email: string | null;
  attributes: Record<string, string>;
  tags: string[];
}

/** What one row would change on a contact that exists: nothing listed stays as it is. */
export interface PlannedChange {
  name: string | null;
  email: string | null;
  attributes: Record<string, string>;
  /** Tags are only ever added, in both modes. */
  newTags: string[];
}

/** The contacts these rows name (at most one batch of them), by E.164 number and by user id. */
export async function loadExisting(m: ReadManager, rows: readonly ImportRow[]): Promise<ExistingContacts> {
  const phones = rows.flatMap((r) => (r.phone ? [r.phone.e164] : []));
  const userIds = rows.flatMap((r) => (r.userId ? [r.userId] : []));
  if (!phones.length && !userIds.length) return new ExistingContacts([]);
  const where = byNumberOrUserId(phones, userIds);
  const found = await select<{
    id: number;
    phone: string | null;
    user_id: string | null;
    name: string;
    email: string | null;
  }>(m, `SELECT id, phone, user_id, name, email FROM contacts WHERE ${where.sql}`, where.params);
  const ids = found.map((r) => r.id);
  const [attributes, tags] = await Promise.all([loadAttributes(m, ids), loadTags(m, ids)]);
  return new ExistingContacts(
    found.map((r) => ({
      phone: r.phone,
      userId: r.user_id,
      contact: {
        id: r.id,
        name: r.name,
        email: r.email,
        attributes: attributes.get(r.id) ?? {},
        tags: tags.get(r.id) ?? [],
      },
    })),
  );
}

/** Contacts found for a batch: a row is matched by its number first, else by its user id. */
export class ExistingContacts {
  private readonly byKey = new Map<string, ExistingContact>();

  constructor(found: readonly { phone: string | null; userId: string | null; contact: ExistingContact }[]) {
    for (const f of found) {
      if (f.phone) this.byKey.set(f.phone, f.contact);
      if (f.userId) this.byKey.set(f.userId, f.contact);
    }
  }

  of(row: Pick<ImportRow, 'phone' | 'userId'>): ExistingContact | undefined {
    return (
      (row.phone && this.byKey.get(row.phone.e164)) || (row.userId ? this.byKey.get(row.userId) : undefined)
    );
  }
}

/**
 * A name with no letter in it is the number standing in for a name (an import without a name
 * column, an API call without one), and a username or user id stands in the same way for a
 * customer who hides their number: "only fill empty fields" replaces them.
 */
function isPlaceholderName(name: string): boolean {
  return !/\p{L}/u.test(name) || name.startsWith('@') || isBusinessUserId(name.trim());
}

/**
 * The changes a row makes to an existing contact. An empty cell never changes anything. With
 * `overwrite` a value in the file replaces what differs; with `fill_empty` it only fills what the
 * contact lacks (no email, no such attribute, a number for a name).
 */
export function plannedChange(
  row: ImportRow,
  existing: ExistingContact,
  mode: ImportMode,
  extraTags: readonly string[],
): PlannedChange {
  const fill = mode === 'fill_empty';
  const name =
    row.name !== null && row.name !== existing.name && (!fill || isPlaceholderName(existing.name))
      ? row.name
      : null;
  const email =
    row.email !== null && row.email !== existing.email && (!fill || existing.email === null)
      ? row.email
      : null;
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(row.attributes)) {
    const current = existing.attributes[key];
    if (current === value) continue;
    if (fill && current !== undefined && current !== '') continue;
    attributes[key] = value;
  }
  const have = new Set(existing.tags);
  const newTags = [...new Set([...row.tags, ...extraTags])].filter((t) => !have.has(t));
  return { name, email, attributes, newTags };
}

export function changesSomething(change: PlannedChange): boolean {
  return (
    change.name !== null ||
    change.email !== null ||
    Object.keys(change.attributes).length > 0 ||
    change.newTags.length > 0
  );
}
