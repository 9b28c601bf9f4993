import { marks } from '../../db/sql';

/**
 * The condition that finds contacts by E.164 number or by WhatsApp user id, naming only the lists
 * that have values. `phone IN (…) OR user_id IN ()` — an empty list beside a full one — made SQLite
 * read every contact instead of using the two unique indexes: 9 ms a batch at 100,000 contacts,
 * twice a batch of an import (import-reads-by-index.test.ts).
 */
export function byNumberOrUserId(
  phones: readonly string[],
  userIds: readonly string[],
): { sql: string; params: string[] } {
  const parts: string[] = [];
  if (phones.length) parts.push(`phone IN (${marks(phones.length)})`);
  if (userIds.length) parts.push(`user_id IN (${marks(userIds.length)})`);
  return { sql: parts.length ? parts.join(' OR ') : '0', params: [...phones, ...userIds] };
}
