import { ref, watch } from 'vue';

/**
 * This computer's choices for inbox alerts (per browser or desktop window, like a sound volume):
 * whether to show desktop notifications and to play a sound. Whether a member is available for new
 * conversations is theirs on every computer and lives in the core (`inbox.setPreferences`).
 */
const SOUND_KEY = 'wapidesk.inbox.sound';
const DESKTOP_KEY = 'wapidesk.inbox.desktopNotifications';

export const soundOn = ref(localStorage.getItem(SOUND_KEY) !== 'off');
export const desktopOn = ref(localStorage.getItem(DESKTOP_KEY) !== 'off');

watch(soundOn, (on) => localStorage.setItem(SOUND_KEY, on ? 'on' : 'off'));
watch(desktopOn, (on) => localStorage.setItem(DESKTOP_KEY, on ? 'on' : 'off'));

/** In a browser (headless mode) the page shows notifications itself; the desktop app shows native ones. */
export const browserNotifications = typeof window.wapi === 'undefined' && 'Notification' in window;

/** Asks the browser for permission (it must follow a click); true when notifications may show. */
export async function allowDesktopNotifications(): Promise<boolean> {
  if (!browserNotifications) return true;
  if (Notification.permission === 'granted') return true;
  if (Notification.permission === 'denied') return false;
  return (await Notification.requestPermission()) === 'granted';
}
