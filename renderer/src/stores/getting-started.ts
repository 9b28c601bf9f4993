import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { GettingStartedDto, GettingStartedStep } from '@shared/types/organization';
import { call } from '@/api/client';

/**
 * The first steps of a new owner: which are done (from the data) and whether the page was
 * dismissed. While it is not, Getting started is where the owner lands and the first section.
 */
export const useGettingStartedStore = defineStore('gettingStarted', () => {
  const status = ref<GettingStartedDto | null>(null);

  const open = computed(() => status.value !== null && !status.value.dismissed);
  const done = computed(() =>
    status.value ? (Object.values(status.value.steps) as boolean[]).filter(Boolean).length : 0,
  );

  async function load() {
    status.value = await call('gettingStarted.status', {});
  }

  async function mark(mark: 'sandbox_kept' | 'dismissed', doneNow = true) {
    status.value = await call('gettingStarted.mark', { mark, done: doneNow });
  }

  function stepDone(step: GettingStartedStep): boolean {
    return status.value?.steps[step] ?? false;
  }

  function clear() {
    status.value = null;
  }

  return { status, open, done, load, mark, stepDone, clear };
});
