import { z } from 'zod';
import { AppError } from '@shared/errors';
import type { SortKey } from './page-seek';

/**
 * The token API's cursor for contacts (`paging.next`, sent back as `after`): the last row of a page
 * (its sort value and id), the order it belongs to and the page's number. The next page seeks past
 * that row in the sort index whatever happened since (contacts added, the page memory forgotten
 * after a change), so an integrator reading every contact pays one page's cost a page, where
 * `page=N` walks past the N − 1 pages before it. Opaque to callers: base64url of a small JSON.
 */
export interface PageCursor {
  sort: string;
  order: 'asc' | 'desc';
  /** The number of the page this cursor ends. */
  page: number;
  last: SortKey;
}

const cursorSchema = z
  .object({
    s: z.string().max(40),
    o: z.enum(['asc', 'desc']),
    p: z.number().int().min(1),
    v: z.string().max(1000).nullable(),
    i: z.number().int().min(1),
  })
  .strict();

export function encodePageCursor(cursor: PageCursor): string {
  const { sort: s, order: o, page: p, last } = cursor;
  return Buffer.from(JSON.stringify({ s, o, p, v: last.value, i: last.id })).toString('base64url');
}

const refused = (message: string) =>
  new AppError('VALIDATION', message, { fields: [{ field: 'after', message }] });

/** The cursor `text` if it is one of ours for this order; a VALIDATION error naming `after` otherwise. */
export function decodePageCursor(text: string, sort: string, order: 'asc' | 'desc'): PageCursor {
  let parsed: z.infer<typeof cursorSchema>;
  try {
    parsed = cursorSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch {
    throw refused('Not a cursor from a previous page (send back paging.next as it came)');
  }
  if (parsed.s !== sort || parsed.o !== order)
    throw refused(`This cursor pages by ${parsed.s} ${parsed.o}; ask with the same sort and order`);
  return { sort, order, page: parsed.p, last: { value: parsed.v, id: parsed.i } };
}
