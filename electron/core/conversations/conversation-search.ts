import { fold } from '../contacts/search-text';
import { ftsMatch, planSearch, prefixEnd } from '../contacts/search-plan';
import { marks, select } from '../db/sql';
import type { Where } from '../contacts/contact-search';
import type { ReadManager } from '../db/read-db';

/**
 * The newest matching messages considered: a search shows where a phrase was said lately. A
 * trigram index reads its matches newest first, so this bounds the work of a common word.
 */
const MESSAGE_HITS = 300;

/**
 * Above this many matching customers, walking the view's index and checking each conversation's
 * customer (stopping after one page) beats collecting every match first.
 */
const MANY_CUSTOMERS = 2000;

export interface SearchCondition {
  where: Where;
  /** The newest message of each of these conversations that matched, for the list to show (one query). */
  matchesFor(conversationIds: readonly number[]): Promise<Map<number, { messageId: number; text: string }>>;
}

/** A condition on the customer, in the two forms the planner needs (see contacts/contact-search.ts). */
interface CustomerCondition {
  /** `c.contact_id IN (…)`: driven from the customers' own index; best for few matches. */
  index: Where;
  /** Checked per conversation while walking the view: best for many. */
  probe: Where;
  /** How many customers match, up to MANY_CUSTOMERS + 1. */
  bounded: Where;
}

/**
 * Search over the customer (name, number, email, tags, attributes: the contacts' own trigram index
 * and rules, contacts/search-plan.ts) and over message text (messages_fts, trigram). Terms shorter
 * than three characters match the start of the name or number, as in the contacts screen.
 */
export async function searchCondition(m: ReadManager, search: string): Promise<SearchCondition | 'nothing'> {
  const plan = planSearch(search);
  if (!plan) return 'nothing';
  const customer = customerCondition(plan);
  const [{ n: customers }] = (await select<{ n: number }>(
    m,
    customer.bounded.sql,
    customer.bounded.params,
  )) as [{ n: number }];
  const customerWhere = customers > MANY_CUSTOMERS ? customer.probe : customer.index;
  if (!plan.longTerms.length) return { where: customerWhere, matchesFor: () => Promise.resolve(new Map()) };

  // The message text is not folded like contact documents are: the terms as typed go to messages_fts.
  const raw = rawTerms(search);
  const hits = raw.length
    ? await select<{ id: number; conversationId: number }>(
        m,
        `SELECT m.id AS id, m.conversation_id AS conversationId FROM messages m
          WHERE m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid DESC LIMIT ?)
            AND m.conversation_id IS NOT NULL AND m.deleted_at IS NULL`,
        [ftsMatch(raw), MESSAGE_HITS],
      )
    : [];
  const newestHit = new Map<number, number>();
  for (const hit of hits) {
    if ((newestHit.get(hit.conversationId) ?? 0) < hit.id) newestHit.set(hit.conversationId, hit.id);
  }
  const conversationIds = [...newestHit.keys()];
  const where: Where = conversationIds.length
    ? {
        sql: `(${customerWhere.sql} OR c.id IN (${marks(conversationIds.length)}))`,
        params: [...customerWhere.params, ...conversationIds],
      }
    : customerWhere;
  return {
    where,
    matchesFor: async (ids) => {
      const wanted = ids.map((id) => newestHit.get(id)).filter((id) => id !== undefined);
      const out = new Map<number, { messageId: number; text: string }>();
      if (!wanted.length) return out;
      const rows = await select<{ id: number; conversationId: number; text: string | null }>(
        m,
        `SELECT id, conversation_id AS conversationId, text FROM messages WHERE id IN (${marks(wanted.length)})`,
        wanted,
      );
      for (const row of rows)
        if (row.text) out.set(row.conversationId, { messageId: row.id, text: row.text });
      return out;
    },
  };
}

function customerCondition(plan: NonNullable<ReturnType<typeof planSearch>>): CustomerCondition {
  const probe = (sql: string, params: unknown[]): Where => ({
    sql: `EXISTS (SELECT 1 FROM contacts k WHERE k.id = c.contact_id AND ${sql})`,
    params,
  });
  const bounded = (sql: string, params: unknown[]): Where => ({
    sql: `SELECT count(*) AS n FROM (${sql} LIMIT ${MANY_CUSTOMERS + 1})`,
    params,
  });
  if (plan.longTerms.length) {
    const match = ftsMatch(plan.longTerms);
    const ids = 'SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?';
    // The document and the terms are folded alike, so instr() finds exactly what the index finds.
    const terms = [...plan.longTerms, ...plan.shortTerms].map(fold);
    return {
      index: { sql: `c.contact_id IN (${ids})`, params: [match] },
      probe: probe(terms.map(() => 'instr(k.search_doc, ?) > 0').join(' AND '), terms),
      bounded: bounded(ids, [match]),
    };
  }
  const [column, prefix] =
    plan.phonePrefix !== null ? ['wa_id', plan.phonePrefix] : ['name_key', plan.namePrefix ?? ''];
  const range = [prefix, prefixEnd(prefix)];
  return {
    index: {
      sql: `c.contact_id IN (SELECT id FROM contacts WHERE ${column} >= ? AND ${column} < ?)`,
      params: range,
    },
    probe: probe(`k.${column} >= ? AND k.${column} < ?`, range),
    bounded: bounded(`SELECT id FROM contacts WHERE ${column} >= ? AND ${column} < ?`, range),
  };
}

/** Terms of three characters or more as typed (the trigram tokenizer ignores case itself). */
function rawTerms(search: string): string[] {
  return [
    ...new Set(
      search
        .trim()
        .split(/\s+/)
        .filter((t) => [...t].length >= 3),
    ),
  ];
}
