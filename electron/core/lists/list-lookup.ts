import type { ContactListMembership } from '@shared/types/contacts';
import { fromSqlDate, select } from '../db/sql';
import type { ReadManager } from '../db/read-db';

/** How other domains read lists: this folder owns `lists` and `list_members` (issue 9). */

/** A list's name, or null when there is no such list. */
export async function listNameById(m: ReadManager, id: number): Promise<string | null> {
  const [list] = await select<{ name: string }>(m, 'SELECT name FROM lists WHERE id = ?', [id]);
  return list?.name ?? null;
}

/** Every list a contact is or was on, by list name (a contact's detail page shows them). */
export async function listsOfContact(m: ReadManager, contactId: number): Promise<ContactListMembership[]> {
  const rows = await select<{
    list_id: number;
    name: string;
    subscribed: number;
    subscribed_at: string;
    unsubscribed_at: string | null;
  }>(
    m,
    `SELECT lm.list_id, l.name, lm.subscribed, lm.subscribed_at, lm.unsubscribed_at
     FROM list_members lm JOIN lists l ON l.id = lm.list_id
     WHERE lm.contact_id = ? ORDER BY l.name COLLATE NOCASE`,
    [contactId],
  );
  return rows.map((l) => ({
    listId: l.list_id,
    listName: l.name,
    subscribed: l.subscribed === 1,
    subscribedAt: fromSqlDate(l.subscribed_at).toISOString(),
    unsubscribedAt: l.unsubscribed_at ? fromSqlDate(l.unsubscribed_at).toISOString() : null,
  }));
}
