import { computed, ref, watch, type Ref } from 'vue';

/**
 * Whether a form holds something typed since it opened: its values now against a snapshot taken
 * once the dialog has opened and filled itself in (after the dialog's own open watcher).
 */
export function useDirty(open: Ref<boolean>, values: () => unknown) {
  const snapshot = ref<string | null>(null);
  watch(
    open,
    (isOpen) => {
      snapshot.value = isOpen ? JSON.stringify(values()) : null;
    },
    { flush: 'post', immediate: true },
  );
  return computed(() => snapshot.value !== null && JSON.stringify(values()) !== snapshot.value);
}
