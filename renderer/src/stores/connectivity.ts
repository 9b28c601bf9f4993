import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ConnectivityDto } from '@shared/types/connectivity';
import { call, messageOf, onCoreEvent } from '@/api/client';

/** How often the webhook counts are read again while someone looks (a busy number sends many). */
const REFRESH_MS = 30_000;

/**
 * How Meta reaches this computer, for the Settings cards: the API version Meta answers with, the
 * tunnel, the webhook URL registered with Meta and the webhook fields received. Kept fresh by the
 * core's events while a card is shown.
 */
export const useConnectivityStore = defineStore('connectivity', () => {
  const status = ref<ConnectivityDto | null>(null);
  const error = ref('');
  let watchers = 0;
  let stopEvents: (() => void) | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let loading: Promise<void> | null = null;

  async function load(): Promise<void> {
    // Events can come in bursts (a tunnel reconnecting): one read at a time, then one more.
    loading ??= (async () => {
      try {
        status.value = await call('connectivity.status', {});
        error.value = '';
      } catch (failure) {
        error.value = messageOf(failure);
      } finally {
        loading = null;
      }
    })();
    return loading;
  }

  /** A card appeared: load, and follow changes until the last card goes (the returned function). */
  function watch(): () => void {
    watchers += 1;
    if (watchers === 1) {
      void load();
      stopEvents = onCoreEvent((event) => {
        if (event.name === 'tunnel.status' && status.value) {
          status.value = { ...status.value, tunnel: { ...status.value.tunnel, status: event.payload } };
        }
        if (event.name === 'connectivity.changed' || event.name === 'tunnel.status') void load();
      });
      timer = setInterval(() => void load(), REFRESH_MS);
    }
    return () => {
      watchers -= 1;
      if (watchers > 0) return;
      stopEvents?.();
      stopEvents = null;
      if (timer) clearInterval(timer);
      timer = null;
    };
  }

  return { status, error, load, watch };
});
