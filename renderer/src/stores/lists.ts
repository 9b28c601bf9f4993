import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ListDto } from '@shared/types/contacts';
import { call } from '@/api/client';

/** The lists, for the lists screen and every list picker; refreshed on `lists.changed`. */
export const useListsStore = defineStore('lists', () => {
  const lists = ref<ListDto[]>([]);
  const loading = ref(false);
  const loaded = ref(false);

  async function load() {
    loading.value = true;
    try {
      lists.value = await call('lists.list', {});
      loaded.value = true;
    } finally {
      loading.value = false;
    }
  }

  async function ensureLoaded() {
    if (!loaded.value) await load();
  }

  return { lists, loading, loaded, load, ensureLoaded };
});
