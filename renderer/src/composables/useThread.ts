import { onUnmounted, ref, shallowRef, watch, type Ref } from 'vue';
import type { ThreadMessage } from '@shared/types/conversations';
import { call, messageOf, onCoreEvent } from '@/api/client';

const PAGE = 50;

/**
 * One conversation's thread: the newest page first, older pages on demand (keyset by message id),
 * and live: a message event for this conversation fetches what is new, or the one message that
 * changed (its ticks). Messages being sent show at once as queued (`addPending`) and are replaced
 * by the stored row when it comes back.
 */
export function useThread(conversationId: Ref<number | null>) {
  const messages = shallowRef<ThreadMessage[]>([]);
  const olderCursor = ref<number | null>(null);
  const loading = ref(false);
  const loadingOlder = ref(false);
  const error = ref('');
  let generation = 0;

  /** Stored messages by id; those still being sent (negative ids) last, in the order written. */
  function sorted(list: ThreadMessage[]): ThreadMessage[] {
    const stored = list.filter((m) => m.id > 0).sort((a, b) => a.id - b.id);
    const pending = list.filter((m) => m.id < 0).sort((a, b) => b.id - a.id);
    return [...stored, ...pending];
  }

  function merge(incoming: ThreadMessage[]): void {
    const byId = new Map(messages.value.map((m) => [m.id, m]));
    for (const m of incoming) byId.set(m.id, m);
    messages.value = sorted([...byId.values()]);
  }

  async function load(): Promise<void> {
    const id = conversationId.value;
    const mine = ++generation;
    messages.value = [];
    olderCursor.value = null;
    error.value = '';
    if (id === null) return;
    loading.value = true;
    try {
      const page = await call('conversations.messages', { conversationId: id, limit: PAGE });
      if (mine !== generation) return;
      messages.value = page.items;
      olderCursor.value = page.olderCursor;
    } catch (e) {
      if (mine === generation) error.value = messageOf(e);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  async function loadOlder(): Promise<void> {
    const id = conversationId.value;
    if (id === null || olderCursor.value === null || loadingOlder.value) return;
    const mine = generation;
    loadingOlder.value = true;
    try {
      const page = await call('conversations.messages', {
        conversationId: id,
        before: olderCursor.value,
        limit: PAGE,
      });
      if (mine !== generation) return;
      merge(page.items);
      olderCursor.value = page.olderCursor;
    } catch (e) {
      error.value = messageOf(e);
    } finally {
      loadingOlder.value = false;
    }
  }

  let fetching: Promise<void> | null = null;
  let again = false;
  /** What arrived after the newest message shown. */
  function fetchNew(): Promise<void> {
    if (fetching) {
      again = true;
      return fetching;
    }
    fetching = (async () => {
      const id = conversationId.value;
      if (id === null) return;
      const mine = generation;
      const stored = messages.value.filter((m) => m.id > 0);
      const after = stored.length ? stored[stored.length - 1]!.id : 0;
      try {
        const page = await call('conversations.messages', { conversationId: id, after, limit: 200 });
        if (mine === generation) merge(page.items);
      } catch {
        // The next event tries again.
      }
    })().finally(() => {
      fetching = null;
      if (again) {
        again = false;
        void fetchNew();
      }
    });
    return fetching;
  }

  async function refreshMessage(id: number): Promise<void> {
    try {
      const message = await call('conversations.message', { id });
      if (message.id) merge([message]);
    } catch {
      // Gone or out of reach: nothing to update.
    }
  }

  let pendingSerial = 0;
  /** Shows a message being sent before the core has answered; returns its stand-in id. */
  function addPending(message: Omit<ThreadMessage, 'id'>): number {
    pendingSerial -= 1;
    merge([{ ...message, id: pendingSerial }]);
    return pendingSerial;
  }

  /** The core stored it (or refused it: `stored` null and the stand-in goes). */
  function settlePending(pendingId: number, stored: ThreadMessage | null): void {
    messages.value = sorted(messages.value.filter((m) => m.id !== pendingId));
    if (stored) merge([stored]);
  }

  const stop = onCoreEvent((event) => {
    if (event.name !== 'messages.changed' || event.payload.conversationId !== conversationId.value) return;
    if (messages.value.some((m) => m.id === event.payload.messageId))
      void refreshMessage(event.payload.messageId);
    else void fetchNew();
  });
  onUnmounted(stop);

  watch(conversationId, () => void load(), { immediate: true });

  return {
    messages,
    olderCursor,
    loading,
    loadingOlder,
    error,
    load,
    loadOlder,
    fetchNew,
    addPending,
    settlePending,
    merge,
  };
}
