import { ftsMatch } from '../contacts/search-plan';
import type { ReadManager } from '../db/read-db';
import { marks, select } from '../db/sql';

/**
 * The inbox's search over what was said (conversations/conversation-search.ts): this folder owns
 * `messages` and its trigram index `messages_fts` (issue 9).
 */

/**
 * The newest `limit` messages of conversations whose text holds every term (matched as typed: the
 * trigram tokenizer ignores case itself), deleted ones aside. The index reads its matches newest
 * first, so this bounds the work of a common word.
 */
export function conversationMessageHits(
  m: ReadManager,
  terms: readonly string[],
  limit: number,
): Promise<{ id: number; conversationId: number }[]> {
  return select<{ id: number; conversationId: number }>(
    m,
    `SELECT m.id AS id, m.conversation_id AS conversationId FROM messages m
      WHERE m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid DESC LIMIT ?)
        AND m.conversation_id IS NOT NULL AND m.deleted_at IS NULL`,
    [ftsMatch(terms), limit],
  );
}

/** The text of these messages (a page's matches), in one query. */
export function messageTexts(
  m: ReadManager,
  ids: readonly number[],
): Promise<{ id: number; conversationId: number; text: string | null }[]> {
  if (!ids.length) return Promise.resolve([]);
  return select<{ id: number; conversationId: number; text: string | null }>(
    m,
    `SELECT id, conversation_id AS conversationId, text FROM messages WHERE id IN (${marks(ids.length)})`,
    ids,
  );
}
