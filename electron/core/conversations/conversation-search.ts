import { ftsMatch, planSearch, prefixEnd } from '../contacts/search-plan';
import { marks, select } from '../contacts/sql';
import type { Where } from '../contacts/contact-search';
import type { ReadManager } from '../db/read-db';

/** The newest matching messages considered: a search shows where a phrase was said lately. */
const MESSAGE_HITS = 1000;

export interface SearchCondition {
  where: Where;
  /** The newest message of this conversation that matched, for the list to show. */
  matchFor(conversationId: number): Promise<{ messageId: number; text: string } | null>;
}

/**
 * Search over the customer (name, number, email, tags, attributes: the contacts' own trigram index
 * and rules, contacts/search-plan.ts) and over message text (messages_fts, trigram). Terms shorter
 * than three characters match the start of the name or number, as in the contacts screen.
 */
export async function searchCondition(m: ReadManager, search: string): Promise<SearchCondition | 'nothing'> {
  const plan = planSearch(search);
  if (!plan) return 'nothing';
  if (!plan.longTerms.length) {
    if (plan.phonePrefix !== null) {
      return noMatch({
        sql: 'c.contact_id IN (SELECT id FROM contacts WHERE wa_id >= ? AND wa_id < ?)',
        params: [plan.phonePrefix, prefixEnd(plan.phonePrefix)],
      });
    }
    const prefix = plan.namePrefix ?? '';
    return noMatch({
      sql: 'c.contact_id IN (SELECT id FROM contacts WHERE name_key >= ? AND name_key < ?)',
      params: [prefix, prefixEnd(prefix)],
    });
  }
  const match = ftsMatch(plan.longTerms);
  // The message text is not folded like contact documents are: the raw terms go to messages_fts.
  const raw = ftsMatch(rawTerms(search));
  const hits = raw
    ? await select<{ id: number; conversationId: number }>(
        m,
        `SELECT m.id AS id, m.conversation_id AS conversationId FROM messages m
          WHERE m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid DESC LIMIT ?)
            AND m.conversation_id IS NOT NULL AND m.deleted_at IS NULL`,
        [raw, MESSAGE_HITS],
      )
    : [];
  const newestHit = new Map<number, number>();
  for (const hit of hits) {
    if ((newestHit.get(hit.conversationId) ?? 0) < hit.id) newestHit.set(hit.conversationId, hit.id);
  }
  const conversationIds = [...newestHit.keys()];
  const contacts = 'c.contact_id IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?)';
  const where: Where = conversationIds.length
    ? {
        sql: `(${contacts} OR c.id IN (${marks(conversationIds.length)}))`,
        params: [match, ...conversationIds],
      }
    : { sql: contacts, params: [match] };
  return {
    where,
    matchFor: async (conversationId) => {
      const id = newestHit.get(conversationId);
      if (id === undefined) return null;
      const [row] = await select<{ text: string | null }>(m, 'SELECT text FROM messages WHERE id = ?', [id]);
      return row?.text ? { messageId: id, text: row.text } : null;
    },
  };
}

function noMatch(where: Where): SearchCondition {
  return { where, matchFor: () => Promise.resolve(null) };
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
