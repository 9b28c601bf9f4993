import { defineStore } from 'pinia';
import { ref } from 'vue';

/** One line of feedback at the bottom of the window after an action. */
export const useNotifyStore = defineStore('notify', () => {
  const message = ref('');
  const color = ref<'success' | 'error' | 'info' | 'warning'>('info');
  const visible = ref(false);
  /** Long enough to read a sentence; a warning stays until closed. */
  const timeout = ref(4000);

  function show(text: string, kind: 'success' | 'error' | 'info' | 'warning' = 'info') {
    message.value = text;
    color.value = kind;
    timeout.value = kind === 'warning' ? -1 : Math.max(4000, text.length * 60);
    visible.value = true;
  }

  return {
    message,
    color,
    visible,
    timeout,
    warning: (text: string) => show(text, 'warning'),
    success: (text: string) => show(text, 'success'),
    error: (text: string) => show(text, 'error'),
    info: (text: string) => show(text, 'info'),
  };
});
