import type { z } from 'zod';
import { errorFromUnreadableAnswer } from '../errors';
import type { GraphRequest, GraphTransport } from './graph-transport';
import { pageSchema } from './response-schemas';

/** A runaway `next` chain (a server bug) must end; 1,000 pages of 250 templates is beyond any account. */
const MAX_PAGES = 1000;

/**
 * Reads a Graph list through every page: Graph ends the chain by leaving `paging.next` out. A `next` on
 * another origin is refused rather than followed, because following it would hand that host the token.
 */
export async function readAllPages<T extends z.ZodType>(
  transport: GraphTransport,
  first: GraphRequest,
  item: T,
): Promise<z.output<T>[]> {
  const schema = pageSchema(item);
  const items: z.output<T>[] = [];
  const seen = new Set<string>();
  let request: GraphRequest | null = first;
  for (let page = 0; request && page < MAX_PAGES; page++) {
    const answer: { data: z.output<T>[]; paging?: { next?: string } } = await transport.json(request, schema);
    items.push(...answer.data);
    const next = answer.paging?.next;
    if (!next || seen.has(next)) break;
    seen.add(next);
    const url: URL = new URL(next);
    if (!transport.isSameOrigin(url)) {
      throw errorFromUnreadableAnswer(200, { method: 'GET', path: url.pathname }, 'paging.next leaves Graph');
    }
    request = { method: 'GET', target: url };
  }
  return items;
}
