import { ref, type Ref } from 'vue';
import { messageOf } from '@/api/client';
import { useNotifyStore } from '@/stores/notify';

/**
 * A destructive action on one item, asked before it runs: `ask(item)` opens the confirmation,
 * `confirm()` runs the action, closes it on success and tells the user either way.
 */
export function useConfirmedAction<T>(action: (item: T) => Promise<string>) {
  const notify = useNotifyStore();
  const target = ref<T | null>(null) as Ref<T | null>;
  const open = ref(false);
  const busy = ref(false);

  function ask(item: T) {
    target.value = item;
    open.value = true;
  }

  async function confirm() {
    if (target.value === null) return;
    busy.value = true;
    try {
      notify.success(await action(target.value));
      open.value = false;
    } catch (error) {
      notify.error(messageOf(error));
    } finally {
      busy.value = false;
    }
  }

  return { target, open, busy, ask, confirm };
}
