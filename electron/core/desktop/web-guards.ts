import { isAppUrl } from './app-url';

/**
 * What main allows the web contents to do, decided without Electron so it can be tested. Every
 * web contents (the window, and any other that might ever be created) goes through these:
 * electron/main/web-security.ts applies them.
 */

/** A navigation or redirect of the main frame: only within the app's own page. */
export function mayNavigate(url: string, rendererUrl: string): boolean {
  return isAppUrl(url, rendererUrl);
}

/**
 * `window.open` and `target=_blank` links: never a new Electron window. Web links (https only)
 * open in the user's browser; anything else (file:, javascript:, custom schemes) goes nowhere.
 */
export function windowOpenAction(url: string): { openExternally: string | null } {
  try {
    const target = new URL(url);
    if (target.protocol === 'https:' && !target.username && !target.password) {
      return { openExternally: target.href };
    }
  } catch {
    // not a URL: refused below
  }
  return { openExternally: null };
}

/**
 * Permissions the page may use. Copying a token or the webhook URL to the clipboard is all it
 * needs. Notifications are native, shown by main (which applies "do not disturb"), so the page's
 * own Notification API stays refused in the desktop app; camera, microphone, location and the rest
 * are never needed.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function mayUsePermission(permission: string, requestingUrl: string, rendererUrl: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl, rendererUrl);
}
