import type { EntityManager } from 'typeorm';
import { AppError } from '@shared/errors';
import { CHUNK, chunks, execute, marks, rowMarks, select, sqlDate } from '../db/sql';
import type { ReadManager } from '../db/read-db';
import { optedIn } from '../contacts/opted-in-contacts';

/**
 * List membership writes shared by lists, contacts (create, opt-out, merge), the importer and
 * campaigns (retargeting, keyword opt-outs): only this domain writes list_members.
 * Rule: an opted-out contact is never (re)subscribed; opting out unsubscribes everywhere.
 */

/**
 * Adds contacts to a list as subscribed, or resubscribes those who had unsubscribed (their
 * subscribedAt becomes now: a new consent). Contacts that do not exist or have opted out are left
 * alone. Returns how many memberships were created or resubscribed.
 */
export async function subscribe(
  m: EntityManager,
  listId: number,
  contactIds: readonly number[],
  now: Date,
): Promise<number> {
  let changed = 0;
  const eligible = optedIn('j.value');
  for (const part of chunks([...new Set(contactIds)])) {
    // The ids go in as one JSON array: one statement a part, checked and written together, where
    // a lookup of the opted-in first and an INSERT of five parameters a row took two.
    changed += await execute(
      m,
      `INSERT INTO list_members (list_id, contact_id, subscribed, subscribed_at, unsubscribed_at)
       SELECT ?, j.value, 1, ?, NULL FROM json_each(?) AS j WHERE ${eligible.sql}
       ON CONFLICT (list_id, contact_id) DO UPDATE
         SET subscribed = 1, subscribed_at = excluded.subscribed_at, unsubscribed_at = NULL
         WHERE list_members.subscribed = 0`,
      [listId, sqlDate(now), JSON.stringify(part), ...eligible.params],
    );
  }
  return changed;
}

/** Unsubscribes contacts from one list, keeping them recorded as having been on it. */
export async function unsubscribe(
  m: EntityManager,
  listId: number,
  contactIds: readonly number[],
  now: Date,
): Promise<number> {
  let changed = 0;
  for (const part of chunks([...new Set(contactIds)])) {
    changed += await execute(
      m,
      `UPDATE list_members SET subscribed = 0, unsubscribed_at = ?
       WHERE list_id = ? AND subscribed = 1 AND contact_id IN (${marks(part.length)})`,
      [sqlDate(now), listId, ...part],
    );
  }
  return changed;
}

/** An opt-out: every subscribed membership of these contacts becomes unsubscribed. */
export async function unsubscribeEverywhere(
  m: EntityManager,
  contactIds: readonly number[],
  now: Date,
): Promise<number> {
  let changed = 0;
  for (const part of chunks([...new Set(contactIds)])) {
    changed += await execute(
      m,
      `UPDATE list_members SET subscribed = 0, unsubscribed_at = ?
       WHERE subscribed = 1 AND contact_id IN (${marks(part.length)})`,
      [sqlDate(now), ...part],
    );
  }
  return changed;
}

/** VALIDATION naming `field` when a chosen list does not exist. */
export async function assertListsExist(
  m: ReadManager,
  listIds: readonly number[],
  field: string,
): Promise<void> {
  const unique = [...new Set(listIds)];
  if (!unique.length) return;
  const found = await select<{ id: number }>(
    m,
    `SELECT id FROM lists WHERE id IN (${marks(unique.length)})`,
    unique,
  );
  if (found.length !== unique.length) {
    const known = new Set(found.map((r) => r.id));
    const missing = unique.filter((id) => !known.has(id));
    throw new AppError('VALIDATION', `No list with id ${missing.join(', ')}`, {
      fields: [{ field, message: 'Unknown list' }],
    });
  }
}

/** One list membership as stored (what a merge carries from one contact to the other). */
export interface Membership {
  list_id: number;
  subscribed: number;
  subscribed_at: string;
  unsubscribed_at: string | null;
}

/** Every list a contact is or was on. */
export function membershipsOf(m: EntityManager, contactId: number): Promise<Membership[]> {
  return select<Membership>(
    m,
    'SELECT list_id, subscribed, subscribed_at, unsubscribed_at FROM list_members WHERE contact_id = ?',
    [contactId],
  );
}

/** The contact's memberships become exactly these (a merge writes the union it decided). */
export async function replaceMemberships(
  m: EntityManager,
  contactId: number,
  memberships: readonly Membership[],
): Promise<void> {
  await execute(m, 'DELETE FROM list_members WHERE contact_id = ?', [contactId]);
  for (const part of chunks(memberships, Math.floor(CHUNK / 5))) {
    await execute(
      m,
      `INSERT INTO list_members (list_id, contact_id, subscribed, subscribed_at, unsubscribed_at)
       VALUES ${rowMarks(part.length, 5)}`,
      part.flatMap((ms) => [ms.list_id, contactId, ms.subscribed, ms.subscribed_at, ms.unsubscribed_at]),
    );
  }
}

/**
 * A keyword opt-out in reply to a campaign: the contact leaves the lists that campaign went to
 * (still recorded as having been on them). Returns how many memberships changed.
 */
export async function unsubscribeFromLists(
  m: EntityManager,
  contactId: number,
  listIds: readonly number[],
  now: Date,
): Promise<number> {
  if (!listIds.length) return 0;
  const lists = [...new Set(listIds)];
  return execute(
    m,
    `UPDATE list_members SET subscribed = 0, unsubscribed_at = ?
     WHERE contact_id = ? AND subscribed = 1 AND list_id IN (${marks(lists.length)})`,
    [sqlDate(now), contactId, ...lists],
  );
}
