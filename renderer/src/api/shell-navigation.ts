import { nextTick } from 'vue';
import type { Router } from 'vue-router';

/** Fields a route may ask to focus, e.g. `/contacts?focus=search` from "Search contacts" (Ctrl+K). */
const FOCUS_TARGETS: Record<string, string> = {
  search: 'input[type="search"], input[name$="-search"]',
};

async function focusRequested(router: Router): Promise<void> {
  const target = FOCUS_TARGETS[String(router.currentRoute.value.query.focus ?? '')];
  if (!target) return;
  // The view may still be loading its lazy chunk: try for a moment.
  for (let attempt = 0; attempt < 20; attempt += 1) {
    await nextTick();
    const field = document.querySelector<HTMLInputElement>(target);
    if (field) {
      field.focus();
      field.select();
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * In the desktop app, the shell opens places in the window: a notification's click, a menu
 * shortcut, a tray entry. The router's guards still decide (sign-in, permissions). Headless mode
 * has no shell, so nothing to listen to.
 */
export function followShellNavigation(router: Router): () => void {
  if (!window.wapi) return () => {};
  return window.wapi.onNavigate((route) => {
    void router.push(route).then(() => focusRequested(router));
  });
}
