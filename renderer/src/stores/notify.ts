import { defineStore } from 'pinia';
import { ref } from 'vue';

/** One line of feedback at the bottom of the window after an action. */
export const useNotifyStore = defineStore('notify', () => {
  const message = ref('');
  const color = ref<'success' | 'error' | 'info'>('info');
  const visible = ref(false);

  function show(text: string, kind: 'success' | 'error' | 'info' = 'info') {
    message.value = text;
    color.value = kind;
    visible.value = true;
  }

  return {
    message,
    color,
    visible,
    success: (text: string) => show(text, 'success'),
    error: (text: string) => show(text, 'error'),
    info: (text: string) => show(text, 'info'),
  };
});
