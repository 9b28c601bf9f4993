import type { z } from 'zod';
import type { ParsedInputOf } from '@shared/operations';
import type { contactFilter } from '@shared/operations/contacts';
import type { ContactDto, Page } from '@shared/types/contacts';
import { CONTACT_COLUMNS, toContactDtos, type RawContact } from './contact-rows';
import { ftsMatch, planSearch, prefixEnd } from './search-plan';
import { select } from '../db/sql';
import type { ReadManager } from '../db/read-db';
import { onList } from '../lists/list-filter';
import type { PageMemory } from './page-memory';
import { planPageRead, seekCondition, type PageRead } from './page-seek';
import { decodePageCursor, encodePageCursor } from './page-cursor';
import { countSearch, type SearchCount } from './search-count-estimate';

export type ContactFilter = z.output<typeof contactFilter>;
type ListInput = ParsedInputOf<'contacts.list'>;
/** One search as the table pages through it: the filter, the order and the page size. */
type SearchInput = ParsedInputOf<'contacts.count'>;

/** A WHERE fragment over `contacts c` and its parameters, in order. */
export interface Where {
  sql: string;
  params: unknown[];
}

/**
 * One condition of a filter, in the forms the query planner needs:
 * - `index`: drives from the condition's own index (`c.id IN (…)`): best when it matches few rows;
 * - `probe`: checked row by row while walking the sort index (`EXISTS`, `instr`): best when it
 *   matches many, because the walk stops after one page instead of sorting every match;
 * - `count`: how many contacts match it alone, read from its own index, when that is possible.
 * Plain column conditions (status, opt-out) have one form: SQLite picks the index.
 */
export interface Condition {
  index: Where;
  probe: Where;
  count?: Where;
  /** The FTS5 MATCH expression, for the full-text condition: its total can be estimated. */
  match?: string;
}

const same = (sql: string, params: unknown[] = []): Condition => ({
  index: { sql, params },
  probe: { sql, params },
});

/** The set conditions (search, tag, list, attribute); each narrows the contacts through its own index. */
export function setConditions(filter: ContactFilter): Condition[] {
  const conditions: Condition[] = [];
  const plan = planSearch(filter.search);
  if (plan?.longTerms.length) {
    const match = ftsMatch(plan.longTerms);
    conditions.push({
      index: { sql: 'c.id IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?)', params: [match] },
      // The document and the terms are folded alike, so instr() finds exactly what the index finds.
      probe: {
        sql: plan.longTerms.map(() => 'instr(c.search_doc, ?) > 0').join(' AND '),
        params: plan.longTerms,
      },
      count: { sql: 'SELECT count(*) AS n FROM contacts_fts WHERE contacts_fts MATCH ?', params: [match] },
      match,
    });
  }
  for (const term of plan?.shortTerms ?? []) conditions.push(same('instr(c.search_doc, ?) > 0', [term]));
  if (plan?.namePrefix != null) {
    conditions.push(
      same('c.name_key >= ? AND c.name_key < ?', [plan.namePrefix, prefixEnd(plan.namePrefix)]),
    );
  }
  if (plan?.phonePrefix != null) {
    conditions.push(same('c.wa_id >= ? AND c.wa_id < ?', [plan.phonePrefix, prefixEnd(plan.phonePrefix)]));
  }
  if (filter.tag !== undefined) {
    conditions.push({
      index: { sql: 'c.id IN (SELECT contact_id FROM contact_tags WHERE tag = ?)', params: [filter.tag] },
      probe: {
        sql: 'EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = c.id AND t.tag = ?)',
        params: [filter.tag],
      },
      count: { sql: 'SELECT count(*) AS n FROM contact_tags WHERE tag = ?', params: [filter.tag] },
    });
  }
  if (filter.listId !== undefined) conditions.push(onList(filter.listId));
  if (filter.attribute) {
    // "city = pune" finds "Pune"; without a value, every contact that has the key.
    const value = filter.attribute.value?.trim();
    const params = value ? [filter.attribute.key, value] : [filter.attribute.key];
    const byValue = value ? ' AND value = ? COLLATE NOCASE' : '';
    conditions.push({
      index: { sql: `c.id IN (SELECT contact_id FROM contact_attributes WHERE key = ?${byValue})`, params },
      probe: {
        sql: `EXISTS (SELECT 1 FROM contact_attributes WHERE contact_id = c.id AND key = ?${byValue})`,
        params,
      },
      count: { sql: `SELECT count(*) AS n FROM contact_attributes WHERE key = ?${byValue}`, params },
    });
  }
  return conditions;
}

/**
 * Status and opt-out. Written as literals from the closed enums (never user text) so the partial
 * indexes on blocked and opted-out contacts apply.
 */
function stateConditions(filter: ContactFilter): Condition[] {
  const conditions: Condition[] = [];
  if (filter.status !== undefined)
    conditions.push(same(`c.status = '${filter.status === 'blocked' ? 'blocked' : 'active'}'`));
  if (filter.optedOut !== undefined) conditions.push(same(`c.opted_out = ${filter.optedOut ? 1 : 0}`));
  return conditions;
}

export function join(conditions: readonly Condition[], form: 'index' | 'probe'): Where {
  if (!conditions.length) return { sql: '1 = 1', params: [] };
  return {
    sql: conditions.map((c) => `(${c[form].sql})`).join(' AND '),
    params: conditions.flatMap((c) => c[form].params),
  };
}

/** Every condition of a filter, driven through indexes: for counts, id lists and export. */
export function contactWhere(filter: ContactFilter): Where {
  return join([...setConditions(filter), ...stateConditions(filter)], 'index');
}

/** Runs a `SELECT count(*) AS n …` query. */
export async function count(m: ReadManager, query: Where): Promise<number> {
  const [row] = await select<{ n: number }>(m, query.sql, query.params);
  return row?.n ?? 0;
}

/**
 * The sort columns. Two can be empty: the phone of a contact known only by a WhatsApp user id, and
 * the last message of one who never wrote.
 */
const SORTS: Record<ListInput['sort'], { column: string; key: keyof RawContact; nullable: boolean }> = {
  name: { column: 'c.name_key', key: 'name_key', nullable: false },
  phone: { column: 'c.phone', key: 'phone', nullable: true },
  createdAt: { column: 'c.created_at', key: 'created_at', nullable: false },
  updatedAt: { column: 'c.updated_at', key: 'updated_at', nullable: false },
  lastInboundAt: { column: 'c.last_inbound_at', key: 'last_inbound_at', nullable: true },
};

/** Matches from which a page driven by a filter's index sorts keys first (see ContactSearch.page). */
const SORT_KEYS_FIRST_FROM = 2_000;

async function contactCount(m: ReadManager): Promise<number> {
  return count(m, { sql: 'SELECT count(*) AS n FROM contacts', params: [] });
}

/** What names one search in the page memory; the number of contacts changes it too. */
function searchKey(input: SearchInput, contacts: number): string {
  return JSON.stringify([
    input.search ?? '',
    input.tag ?? null,
    input.listId ?? null,
    input.attribute ?? null,
    input.status ?? null,
    input.optedOut ?? null,
    input.sort,
    input.order,
    input.pageSize,
    contacts,
  ]);
}

/** Searching, filtering, sorting and paging contacts; also the id sets bulk actions and export use. */
export class ContactSearch {
  constructor(private readonly memory: PageMemory) {}

  async page(m: ReadManager, input: ListInput): Promise<Page<ContactDto>> {
    const sets = setConditions(input);
    const states = stateConditions(input);
    const sort = SORTS[input.sort];
    // `after` (the token API's cursor): the page after the one it ends, read by seeking past its
    // last row; otherwise page `page`, read from the nearest page already shown (page-seek.ts).
    const cursor = input.after === undefined ? null : decodePageCursor(input.after, input.sort, input.order);
    const pageNumber = cursor ? cursor.page + 1 : input.page;
    const contacts = await contactCount(m);
    const key = searchKey(input, contacts);
    // Only page 1 may answer with an estimate: every other page reads by the exact total.
    const mayEstimate = input.count === 'estimate' && pageNumber === 1;
    const memory =
      this.memory.recall(key, pageNumber) ??
      this.memory.counted(key, await this.total(m, input, sets, states, contacts, mayEstimate));
    const { total } = memory;
    const estimated = memory.estimated ? ({ estimated: true } as const) : {};
    const empty = { items: [], total, page: pageNumber, pageSize: input.pageSize, next: null, ...estimated };
    if (total === 0 || (!cursor && (pageNumber - 1) * input.pageSize >= total)) return empty;

    // A cursor's page takes one row more than it shows: whether that row exists says whether
    // there is a next page, however many rows came or went since the cursor was given.
    const read: PageRead = cursor
      ? { backward: false, from: cursor.last, offset: 0, limit: input.pageSize + 1 }
      : planPageRead(pageNumber, input.pageSize, total, memory.pages);
    const ascending = (input.order === 'asc') !== read.backward;
    // Walking the sort index reads about (rows needed) × contacts / matches rows; driving from the
    // narrowest index touches at least every match. The smaller wins.
    const needed = read.offset + read.limit;
    const form = sets.length && (needed * contacts) / total < total ? 'probe' : 'index';
    const where = join([...sets, ...states], form);
    const seek = read.from ? seekCondition(sort.column, sort.nullable, ascending, read.from) : null;
    const direction = ascending ? 'ASC' : 'DESC';
    const order = `ORDER BY ${sort.column} ${direction}, c.id ${direction}`;
    const matching = `FROM contacts c WHERE ${where.sql}${seek ? ` AND ${seek.sql}` : ''}`;
    // Driven from a filter's index, every match is sorted. For thousands, sorting only the sort key
    // and id and then reading the page's rows keeps the sorter's records small (a tag's page 300 of
    // 400 read straight away: 19.8 → 16.3 ms); for a few hundred the second lookup costs more than
    // it saves. A walk of the sort index reads only the rows it keeps.
    const found = await select<RawContact>(
      m,
      sets.length && form === 'index' && total > SORT_KEYS_FIRST_FROM
        ? `SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE c.id IN (SELECT c.id ${matching} ${order} LIMIT ? OFFSET ?) ${order}`
        : `SELECT ${CONTACT_COLUMNS} ${matching} ${order} LIMIT ? OFFSET ?`,
      [...where.params, ...(seek?.params ?? []), read.limit, read.offset],
    );
    if (read.backward) found.reverse();
    const rows = found.slice(0, input.pageSize);
    const last = rows[rows.length - 1];
    const edge = (row: RawContact) => ({ value: row[sort.key] as string | null, id: row.id });
    // A cursor's page number counts from the cursor's and may be off when contacts changed since:
    // its edges are not remembered, so the table's pages stay exact.
    if (rows.length && !cursor)
      this.memory.read(memory, pageNumber, { first: edge(rows[0]!), last: edge(last!) });
    const more = cursor ? found.length > rows.length : pageNumber * input.pageSize < total;
    return {
      items: await toContactDtos(m, rows),
      total,
      page: pageNumber,
      pageSize: input.pageSize,
      next:
        more && last
          ? encodePageCursor({ sort: input.sort, order: input.order, page: pageNumber, last: edge(last) })
          : null,
      ...estimated,
    };
  }

  /** The exact total of a search, remembered for its pages (after a page 1 that gave an estimate). */
  async exactTotal(m: ReadManager, input: SearchInput): Promise<number> {
    const contacts = await contactCount(m);
    const { total } = await this.total(
      m,
      input,
      setConditions(input),
      stateConditions(input),
      contacts,
      false,
    );
    this.memory.counted(searchKey(input, contacts), { total, estimated: false });
    return total;
  }

  /**
   * The total, the cheap way when there is one: a single set condition is counted in its own index;
   * status and opt-out alone are counted through the small partial indexes (active = all − blocked).
   */
  private async total(
    m: ReadManager,
    filter: ContactFilter,
    sets: Condition[],
    states: Condition[],
    contacts: number,
    mayEstimate: boolean,
  ): Promise<SearchCount> {
    const exact = (total: number): SearchCount => ({ total, estimated: false });
    const single = sets.length === 1 && !states.length ? sets[0]! : undefined;
    if (single?.match !== undefined && mayEstimate) return countSearch(m, single.match, contacts);
    if (single?.count) return exact(await count(m, single.count));
    return exact(await this.exactCount(m, filter, sets, states, contacts));
  }

  private async exactCount(
    m: ReadManager,
    filter: ContactFilter,
    sets: Condition[],
    states: Condition[],
    contacts: number,
  ): Promise<number> {
    if (!sets.length) {
      const optedOut = filter.optedOut === undefined ? '' : ` AND c.opted_out = ${filter.optedOut ? 1 : 0}`;
      const blocked = () =>
        count(m, {
          sql: `SELECT count(*) AS n FROM contacts c WHERE c.status = 'blocked'${optedOut}`,
          params: [],
        });
      const optedOutCount = () =>
        count(m, { sql: 'SELECT count(*) AS n FROM contacts c WHERE c.opted_out = 1', params: [] });
      const withOptOut =
        filter.optedOut === undefined
          ? contacts
          : filter.optedOut
            ? await optedOutCount()
            : contacts - (await optedOutCount());
      if (filter.status === 'blocked') return blocked();
      if (filter.status === 'active') return withOptOut - (await blocked());
      return withOptOut;
    }
    const where = join([...sets, ...states], 'index');
    return count(m, { sql: `SELECT count(*) AS n FROM contacts c WHERE ${where.sql}`, params: where.params });
  }

  /** Ids of every contact matching a filter, ascending, a slice at a time (keyset paging by id). */
  async *ids(m: ReadManager, filter: ContactFilter, sliceSize = 1000): AsyncGenerator<number[]> {
    const where = contactWhere(filter);
    let after = 0;
    for (;;) {
      const rows = await select<{ id: number }>(
        m,
        `SELECT c.id FROM contacts c WHERE ${where.sql} AND c.id > ? ORDER BY c.id LIMIT ?`,
        [...where.params, after, sliceSize],
      );
      if (!rows.length) return;
      yield rows.map((r) => r.id);
      after = rows[rows.length - 1]!.id;
    }
  }
}
