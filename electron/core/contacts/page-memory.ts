import type { PageEdges } from './page-seek';
import type { Clock } from '../util/clock';
import type { EventBus } from '../events/event-bus';

/** What is remembered of one search (a filter, a sort and a page size) while someone pages through it. */
export interface SearchMemory {
  total: number;
  /** The total is an estimate (page 1 of a broad search): the next page counts exactly. */
  estimated: boolean;
  pages: Map<number, PageEdges>;
}

interface Entry extends SearchMemory {
  countedAt: number;
  usedAt: number;
}

/** Searches remembered at once: a few windows, each with a table and a picker open. */
const SEARCHES = 16;
/** Edges remembered a search; past this the oldest are forgotten (paging still works, from further away). */
const PAGES = 2_000;
/**
 * The total is counted once a search (an exact count of a broad term costs more than its page), then
 * again on page 1 or after this long: a contact who writes in for the first time appears without
 * an event the contacts screen listens to.
 */
const TOTAL_FOR_MS = 30_000;
const FORGET_AFTER_MS = 5 * 60_000;

/**
 * The pages of recent searches already read, so the next, previous and last pages seek instead of
 * skipping rows. Forgotten whenever contacts or lists change (whatever changes them says so on the
 * bus): a stale edge would only shift a page by the rows that changed, but the total has to be right.
 */
export class PageMemory {
  private readonly searches = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    events: Pick<EventBus, 'subscribe'>,
  ) {
    events.subscribe(({ name }) => {
      if (name === 'contacts.changed' || name === 'lists.changed') this.searches.clear();
    });
  }

  /** The memory of a search, or undefined when it has to be counted afresh (page 1, changed, or old). */
  recall(key: string, page: number): SearchMemory | undefined {
    const now = this.clock.now().getTime();
    const entry = this.searches.get(key);
    if (
      !entry ||
      page === 1 ||
      entry.estimated ||
      now - entry.countedAt > TOTAL_FOR_MS ||
      now - entry.usedAt > FORGET_AFTER_MS
    ) {
      // The edges stay right while the total is recounted, unless the total moved.
      return undefined;
    }
    entry.usedAt = now;
    this.searches.delete(key);
    this.searches.set(key, entry);
    return entry;
  }

  /**
   * A search counted afresh: keeps the edges already read if the total is unchanged, or if it was
   * only an estimate (nothing changed then but the count: a change forgets every search).
   */
  counted(key: string, { total, estimated }: { total: number; estimated: boolean }): SearchMemory {
    const now = this.clock.now().getTime();
    const before = this.searches.get(key);
    const keep = before && (before.total === total || before.estimated);
    const pages = keep ? before.pages : new Map<number, PageEdges>();
    const entry: Entry = { total, estimated, pages, countedAt: now, usedAt: now };
    this.searches.delete(key);
    this.searches.set(key, entry);
    while (this.searches.size > SEARCHES) this.searches.delete(this.searches.keys().next().value!);
    return entry;
  }

  /** Records the edges of a page just read. */
  read(memory: SearchMemory, page: number, edges: PageEdges): void {
    memory.pages.delete(page);
    memory.pages.set(page, edges);
    if (memory.pages.size > PAGES) memory.pages.delete(memory.pages.keys().next().value!);
  }
}
