import type { Outcome } from './errors';
import type { CoreEvent } from './events';

/** What the preload exposes as `window.wapi`, and all the renderer may reach of the main process. */
export interface WapiBridge {
  invoke(operation: string, input: unknown): Promise<Outcome<unknown>>;
  on(listener: (event: CoreEvent) => void): () => void;
  /**
   * The desktop shell asks the page to show a place (a notification's click, a menu shortcut, a
   * tray entry): a route of the renderer's hash router, e.g. `/campaigns/12`.
   */
  onNavigate(listener: (route: string) => void): () => void;
}

export const IPC_INVOKE_CHANNEL = 'wapi:invoke';
export const IPC_EVENT_CHANNEL = 'wapi:event';
export const IPC_NAVIGATE_CHANNEL = 'wapi:navigate';

/** A route main may ask the page to open: a path of our own router, never a URL elsewhere. */
export function isShellRoute(route: unknown): route is string {
  return typeof route === 'string' && /^\/(?!\/)[\w\-./?=&%]*$/.test(route) && route.length <= 200;
}
