import type { ParsedInputOf } from '@shared/operations';
import type { ListMemberDto, Page } from '@shared/types/contacts';
import { CONTACT_COLUMNS, toContactDtos, type RawContact } from '../contacts/contact-rows';
import { count, join, setConditions } from '../contacts/contact-search';
import { BY_NAME, contactCount, countContacts, joinContacts } from '../contacts/contact-columns';
import { fromSqlDate, select, type Fragment } from '../db/sql';
import type { ReadManager } from '../db/read-db';

type MembersInput = ParsedInputOf<'lists.members'>;

interface MemberRow extends RawContact {
  m_subscribed: number;
  m_at: string;
  m_unsub_at: string | null;
}

/**
 * A page of a list's members by name, with the same index-or-walk choice as ContactSearch: a big
 * list walks the name index and looks each contact up in the list (CROSS JOIN fixes that order); a
 * small list or a narrow search drives from the list and sorts what it finds.
 */
export async function memberPage(m: ReadManager, input: MembersInput): Promise<Page<ListMemberDto>> {
  const search = setConditions({ search: input.search });
  const state = input.subscribed === undefined ? '' : ` AND lm.subscribed = ${input.subscribed ? 1 : 0}`;
  const total = search.length
    ? await countWith(m, input.listId, state, join(search, 'index'))
    : await count(m, {
        sql: `SELECT count(*) AS n FROM list_members lm WHERE lm.list_id = ?${state}`,
        params: [input.listId],
      });
  const offset = (input.page - 1) * input.pageSize;
  if (total === 0 || offset >= total) return { items: [], total, page: input.page, pageSize: input.pageSize };

  const contacts = await contactCount(m);
  const walk = ((offset + input.pageSize) * contacts) / total < total;
  const where = join(search, walk ? 'probe' : 'index');
  const from = joinContacts(
    'list_members lm',
    { sql: 'lm.list_id = ? AND lm.contact_id = c.id', params: [input.listId] },
    walk ? 'contacts' : 'other',
  );
  const rows = await select<MemberRow>(
    m,
    `SELECT ${CONTACT_COLUMNS}, lm.subscribed AS m_subscribed, lm.subscribed_at AS m_at,
       lm.unsubscribed_at AS m_unsub_at FROM ${from.sql} WHERE ${where.sql}${state}
     ORDER BY ${BY_NAME} LIMIT ? OFFSET ?`,
    [...from.params, ...where.params, input.pageSize, offset],
  );
  const dtos = await toContactDtos(m, rows);
  return {
    items: rows.map((row, i) => ({
      contact: dtos[i]!,
      subscribed: row.m_subscribed === 1,
      subscribedAt: fromSqlDate(row.m_at).toISOString(),
      unsubscribedAt: row.m_unsub_at ? fromSqlDate(row.m_unsub_at).toISOString() : null,
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/** With a search, the search drives (its matches are usually far fewer than a big list's members). */
function countWith(m: ReadManager, listId: number, state: string, where: Fragment): Promise<number> {
  return countContacts(m, {
    sql: `${where.sql}
          AND EXISTS (SELECT 1 FROM list_members lm WHERE lm.list_id = ? AND lm.contact_id = c.id${state})`,
    params: [...where.params, listId],
  });
}
