import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { AppError } from '@shared/errors';
import type { CoreEvent } from '@shared/events';
import type { ConversationCounts, ConversationDto, ConversationView } from '@shared/types/conversations';
import { LatestOnly } from '@shared/latest-only';
import { call, messageOf, onCoreEvent } from '@/api/client';
import { useSessionStore } from './session';

export interface InboxFilters {
  phoneNumberId?: string;
  label?: string;
  campaignId?: number;
}

const PAGE = 40;

/** Newest activity first, then the newer conversation: the order the core pages in. */
function byActivity(a: ConversationDto, b: ConversationDto): number {
  return b.lastActivityAt.localeCompare(a.lastActivityAt) || b.id - a.id;
}

/**
 * The inbox list, its view, filters and search, the unread counts the navigation shows, and the
 * live updates that keep them right without a reload: a changed conversation is fetched again and
 * put where it belongs (or taken out of a view it left); counts are fetched again, at most a few
 * times a second however many messages arrive.
 */
export const useInboxStore = defineStore('inbox', () => {
  const session = useSessionStore();
  const view = ref<ConversationView>('all');
  const filters = ref<InboxFilters>({});
  const search = ref('');
  const items = ref<ConversationDto[]>([]);
  const nextCursor = ref<string | null>(null);
  const loading = ref(false);
  const loadingMore = ref(false);
  const error = ref('');
  const counts = ref<ConversationCounts | null>(null);
  const selectedId = ref<number | null>(null);
  /** Bumped on every change of a conversation, so an open one can refresh its header. */
  const revision = ref(new Map<number, number>());

  const canRead = computed(
    () => session.can('conversations.read_all') || session.can('conversations.read_assigned'),
  );
  /** What the navigation shows: conversations with unread messages this member can see. */
  const unread = computed(() => counts.value?.all.unread ?? 0);

  // A view, filter or search changed while the last list is on its way: only the newest is shown.
  const loads = new LatestOnly();

  async function load(): Promise<void> {
    if (!canRead.value) return;
    const latest = loads.begin();
    loading.value = true;
    error.value = '';
    try {
      const page = await call('conversations.list', {
        view: view.value,
        ...filters.value,
        search: search.value.trim() || undefined,
        limit: PAGE,
      });
      if (!latest()) return;
      items.value = page.items;
      nextCursor.value = page.nextCursor;
    } catch (e) {
      if (latest()) error.value = messageOf(e);
    } finally {
      if (latest()) loading.value = false;
    }
    void refreshCounts();
  }

  async function loadMore(): Promise<void> {
    if (!nextCursor.value || loadingMore.value) return;
    const unchanged = loads.current();
    loadingMore.value = true;
    try {
      const page = await call('conversations.list', {
        view: view.value,
        ...filters.value,
        search: search.value.trim() || undefined,
        cursor: nextCursor.value,
        limit: PAGE,
      });
      if (!unchanged()) return;
      const known = new Set(items.value.map((c) => c.id));
      items.value = [...items.value, ...page.items.filter((c) => !known.has(c.id))];
      nextCursor.value = page.nextCursor;
    } catch (e) {
      error.value = messageOf(e);
    } finally {
      loadingMore.value = false;
    }
  }

  let countsTimer: ReturnType<typeof setTimeout> | null = null;
  function refreshCounts(): Promise<void> {
    if (countsTimer) clearTimeout(countsTimer);
    return new Promise((resolve) => {
      countsTimer = setTimeout(async () => {
        countsTimer = null;
        try {
          if (canRead.value) counts.value = await call('conversations.counts', { ...filters.value });
        } catch {
          // The next change tries again; the badge keeps its last value meanwhile.
        }
        resolve();
      }, 150);
    });
  }

  /** Whether a conversation belongs in the list as it is filtered now (search results are the core's). */
  function belongs(c: ConversationDto): boolean {
    const me = session.user?.id;
    const inView =
      view.value === 'all'
        ? c.status === 'open'
        : view.value === 'mine'
          ? c.status === 'open' && c.assignee?.id === me
          : view.value === 'unassigned'
            ? c.status === 'open' && c.assignee === null
            : c.status === 'resolved';
    const f = filters.value;
    return (
      inView &&
      (f.phoneNumberId === undefined || c.phoneNumberId === f.phoneNumberId) &&
      (f.label === undefined || c.labels.includes(f.label))
    );
  }

  /** Puts a fresh copy of a conversation where it belongs, or takes it out. */
  function place(c: ConversationDto | null, id: number): void {
    const index = items.value.findIndex((x) => x.id === id);
    const searching = search.value.trim() !== '' || filters.value.campaignId !== undefined;
    const keep = c !== null && (searching ? index >= 0 : belongs(c));
    const next = items.value.filter((x) => x.id !== id);
    if (keep) {
      next.push(c);
      next.sort(byActivity);
      // A conversation older than the last loaded one waits for its page.
      const last = items.value[items.value.length - 1];
      if (index < 0 && nextCursor.value && last && byActivity(c, last) > 0) {
        items.value = next.filter((x) => x.id !== id);
        return;
      }
    }
    items.value = next;
  }

  const pending = new Map<number, ReturnType<typeof setTimeout>>();
  /** Fetches a conversation again, shortly, once however many events name it. */
  function refreshOne(id: number): void {
    const bump = new Map(revision.value);
    bump.set(id, (bump.get(id) ?? 0) + 1);
    revision.value = bump;
    if (pending.has(id)) return;
    pending.set(
      id,
      setTimeout(async () => {
        pending.delete(id);
        try {
          place(await call('conversations.get', { id }), id);
        } catch (e) {
          // Out of reach now (given to someone else): it leaves this member's list.
          if (e instanceof AppError && e.code === 'NOT_FOUND') place(null, id);
        }
      }, 100),
    );
    void refreshCounts();
  }

  /** Updates the list with what an action returned, at once. */
  function upsert(c: ConversationDto): void {
    place(c, c.id);
    void refreshCounts();
  }

  function setView(next: ConversationView): void {
    view.value = next;
    void load();
  }

  function setFilters(next: InboxFilters): void {
    filters.value = next;
    void load();
  }

  function setSearch(text: string): void {
    search.value = text;
    void load();
  }

  let stop: (() => void) | null = null;
  /** Listens for changes while signed in (the navigation badge needs them on every page). */
  function start(): void {
    if (stop || !canRead.value) return;
    stop = onCoreEvent((event: CoreEvent) => {
      if (event.name === 'conversations.changed') refreshOne(event.payload.conversationId);
      else if (event.name === 'messages.changed' && event.payload.conversationId !== null) {
        refreshOne(event.payload.conversationId);
      }
    });
    void refreshCounts();
  }

  function reset(): void {
    stop?.();
    stop = null;
    items.value = [];
    counts.value = null;
    selectedId.value = null;
  }

  return {
    view,
    filters,
    search,
    items,
    nextCursor,
    loading,
    loadingMore,
    error,
    counts,
    selectedId,
    revision,
    canRead,
    unread,
    load,
    loadMore,
    refreshCounts,
    refreshOne,
    upsert,
    setView,
    setFilters,
    setSearch,
    start,
    reset,
  };
});
