import { customerMatch } from '../contacts/conversation-customer-search';
import { planSearch } from '../contacts/search-plan';
import { marks, select } from '../db/sql';
import type { Where } from '../contacts/contact-search';
import type { ReadManager } from '../db/read-db';
import { conversationMessageHits, messageTexts } from '../messaging/conversation-text-search';

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

/**
 * Search over the customer (name, number, email, tags, attributes: the contacts' own trigram index
 * and rules, contacts/conversation-customer-search.ts) and over message text (messages_fts, trigram:
 * messaging/conversation-text-search.ts). Terms shorter than three characters match the start of the
 * name or number, as in the contacts screen.
 */
export async function searchCondition(m: ReadManager, search: string): Promise<SearchCondition | 'nothing'> {
  const plan = planSearch(search);
  if (!plan) return 'nothing';
  const customer = customerMatch(plan, 'c.contact_id');
  // How many customers match, up to MANY_CUSTOMERS + 1: which of the two forms to use.
  const [{ n: customers }] = (await select<{ n: number }>(
    m,
    `SELECT count(*) AS n FROM (${customer.ids.sql} LIMIT ${MANY_CUSTOMERS + 1})`,
    customer.ids.params,
  )) as [{ n: number }];
  const customerWhere = customers > MANY_CUSTOMERS ? customer.probe : customer.index;
  if (!plan.longTerms.length) return { where: customerWhere, matchesFor: () => Promise.resolve(new Map()) };

  // The message text is not folded like contact documents are: the terms as typed go to messages_fts.
  const raw = rawTerms(search);
  const hits = raw.length ? await conversationMessageHits(m, raw, MESSAGE_HITS) : [];
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
      for (const row of await messageTexts(m, wanted))
        if (row.text) out.set(row.conversationId, { messageId: row.id, text: row.text });
      return out;
    },
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
