import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '@shared/bridge';
import type { Outcome } from '@shared/errors';
import type { CoreEvent } from '@shared/events';
import type { Core } from '../../core/create-core';
import { openSessionFeed } from '../../core/events/session-feed';
import { hashToken } from '../../core/util/tokens';
import { isAppUrl } from '../window';

/** The one way main sends a core event to a window. */
function sendEvent(contents: WebContents, event: CoreEvent): void {
  if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event);
}

/**
 * Electron IPC into the dispatcher. A session belongs to a window: main keeps each window's token
 * (the page never sees it) and ends the session when the window closes. Messages from any frame
 * but our own page are refused. Each signed-in window gets the events its user may read, through
 * the same session feed as the bridge's server-sent events.
 */
export function registerDispatcher(core: Core): void {
  const windows = new Map<number, { token: string; stopFeed: () => void }>();
  const watched = new Set<number>();

  ipcMain.handle(
    IPC_INVOKE_CHANNEL,
    async (event: IpcMainInvokeEvent, operation: unknown, input: unknown) => {
      if (!event.senderFrame || !isAppUrl(event.senderFrame.url) || typeof operation !== 'string') {
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: 'Not from the app' },
        } satisfies Outcome<never>;
      }
      const contents = event.sender;
      const outcome = await core.dispatcher.dispatch(operation, input, {
        transport: 'ipc',
        sessionToken: windows.get(contents.id)?.token ?? null,
      });
      if (outcome.ok && operation === 'auth.login') {
        const result = outcome.result as { token?: string };
        if (result.token) signedIn(contents, result.token);
        delete result.token;
      }
      if (operation === 'auth.logout') forget(contents.id);
      return outcome;
    },
  );

  function signedIn(contents: WebContents, token: string) {
    forget(contents.id);
    const stopFeed = openSessionFeed({
      events: core.events,
      sessionId: hashToken(token),
      loadAudience: () => core.sessions.audienceOf(hashToken(token)),
      send: (event) => sendEvent(contents, event),
      onEnded: () => forget(contents.id),
      logger: core.ctx.logger,
    });
    windows.set(contents.id, { token, stopFeed });
    if (watched.has(contents.id)) return;
    watched.add(contents.id);
    const id = contents.id;
    contents.once('destroyed', () => {
      watched.delete(id);
      void endWindowSession(id);
    });
  }

  function forget(windowId: number): string | null {
    const held = windows.get(windowId);
    windows.delete(windowId);
    held?.stopFeed();
    return held?.token ?? null;
  }

  async function endWindowSession(windowId: number) {
    const token = forget(windowId);
    if (token) await core.ctx.tx.run((m) => core.sessions.end(m, hashToken(token)));
  }
}
