import type { ParsedInputOf } from '@shared/operations';
import type { ListMemberDto, Page } from '@shared/types/contacts';
import { CONTACT_COLUMNS, toContactDtos, type RawContact } from '../contacts/contact-rows';
import { count, join, setConditions } from '../contacts/contact-search';
import { contactCount, countContacts, joinContacts } from '../contacts/contact-columns';
import type { PageMemory } from '../contacts/page-memory';
import { planPageRead, seekCondition } from '../contacts/page-seek';
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
 * small list or a narrow search drives from the list and sorts what it finds. `memory` holds the
 * pages read so far (forgotten when contacts or lists change).
 */
export async function memberPage(
  m: ReadManager,
  input: MembersInput,
  memory: PageMemory,
): Promise<Page<ListMemberDto>> {
  const search = setConditions({ search: input.search });
  const state = input.subscribed === undefined ? '' : ` AND lm.subscribed = ${input.subscribed ? 1 : 0}`;
  const contacts = await contactCount(m);
  // Deep pages seek from the page beside them, as the contacts table does (contacts/page-seek.ts).
  const key = JSON.stringify([
    'members',
    input.listId,
    input.search ?? '',
    input.subscribed ?? null,
    input.pageSize,
    contacts,
  ]);
  const remembered =
    memory.recall(key, input.page) ??
    memory.counted(key, {
      total: search.length
        ? await countWith(m, input.listId, state, join(search, 'index'))
        : await count(m, {
            sql: `SELECT count(*) AS n FROM list_members lm WHERE lm.list_id = ?${state}`,
            params: [input.listId],
          }),
      estimated: false,
    });
  const { total } = remembered;
  if (total === 0 || (input.page - 1) * input.pageSize >= total)
    return { items: [], total, page: input.page, pageSize: input.pageSize };

  const read = planPageRead(input.page, input.pageSize, total, remembered.pages);
  const walk = ((read.offset + read.limit) * contacts) / total < total;
  const where = join(search, walk ? 'probe' : 'index');
  const from = joinContacts(
    'list_members lm',
    { sql: 'lm.list_id = ? AND lm.contact_id = c.id', params: [input.listId] },
    walk ? 'contacts' : 'other',
  );
  const seek = read.from ? seekCondition('c.name_key', false, !read.backward, read.from) : null;
  const direction = read.backward ? 'DESC' : 'ASC';
  const rows = await select<MemberRow>(
    m,
    `SELECT ${CONTACT_COLUMNS}, lm.subscribed AS m_subscribed, lm.subscribed_at AS m_at,
       lm.unsubscribed_at AS m_unsub_at FROM ${from.sql} WHERE ${where.sql}${state}${seek ? ` AND ${seek.sql}` : ''}
     ORDER BY c.name_key ${direction}, c.id ${direction} LIMIT ? OFFSET ?`,
    [...from.params, ...where.params, ...(seek?.params ?? []), read.limit, read.offset],
  );
  if (read.backward) rows.reverse();
  if (rows.length) {
    const edge = (row: MemberRow) => ({ value: row.name_key, id: row.id });
    memory.read(remembered, input.page, { first: edge(rows[0]!), last: edge(rows[rows.length - 1]!) });
  }
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
