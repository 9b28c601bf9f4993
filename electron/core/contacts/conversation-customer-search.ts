import type { Fragment } from '../db/sql';
import { fold } from './search-text';
import { ftsMatch, prefixEnd, type SearchPlan } from './search-plan';

/**
 * "Conversations whose customer matches this search", for the inbox (conversations/
 * conversation-search.ts): the customers' own trigram index and rules (search-plan.ts), as
 * conditions on the caller's column holding the contact id. This folder owns `contacts` and
 * `contacts_fts` (issue 9).
 */
export interface CustomerMatch {
  /** `contactId IN (…)`: driven from the customers' own index; best for few matches. */
  index: Fragment;
  /** Checked per row while the caller walks its own index: best for many. */
  probe: Fragment;
  /** The matching customers' ids, as a SELECT the caller may bound and count. */
  ids: Fragment;
}

/** A plan of long terms matches anywhere in the customer's document; short terms, the start of the name or number. */
export function customerMatch(plan: SearchPlan, contactId: string): CustomerMatch {
  const probe = (sql: string, params: unknown[]): Fragment => ({
    sql: `EXISTS (SELECT 1 FROM contacts k WHERE k.id = ${contactId} AND ${sql})`,
    params,
  });
  if (plan.longTerms.length) {
    const match = ftsMatch(plan.longTerms);
    const ids = 'SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?';
    // The document and the terms are folded alike, so instr() finds exactly what the index finds.
    const terms = [...plan.longTerms, ...plan.shortTerms].map(fold);
    return {
      index: { sql: `${contactId} IN (${ids})`, params: [match] },
      probe: probe(terms.map(() => 'instr(k.search_doc, ?) > 0').join(' AND '), terms),
      ids: { sql: ids, params: [match] },
    };
  }
  const [column, prefix] =
    plan.phonePrefix !== null ? ['wa_id', plan.phonePrefix] : ['name_key', plan.namePrefix ?? ''];
  const range = [prefix, prefixEnd(prefix)];
  const ids = `SELECT id FROM contacts WHERE ${column} >= ? AND ${column} < ?`;
  return {
    index: { sql: `${contactId} IN (${ids})`, params: range },
    probe: probe(`k.${column} >= ? AND k.${column} < ?`, range),
    ids: { sql: ids, params: range },
  };
}
