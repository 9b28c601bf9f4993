import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '@shared/bridge';
import type { Outcome } from '@shared/errors';
import type { CoreEvent } from '@shared/events';
import type { LoginResult } from '@shared/types/people';
import type { Core } from '../../core/create-core';
import { isAppUrl } from '../../core/desktop/app-url';
import { openSessionFeed } from '../../core/events/session-feed';
import { hashToken } from '../../core/util/tokens';

export interface DispatcherHooks {
  /** Someone signed in in a window: this computer notifies them from now on. */
  signedIn(userId: number): void;
  /** They signed out: not here any more. */
  signedOut(userId: number): void;
}

/** The one way main sends a core event to a window. */
function sendEvent(contents: WebContents, event: CoreEvent): void {
  if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event);
}

/** Only the app's own page, in the window's top frame, may call the core. */
function fromTheApp(event: IpcMainInvokeEvent, rendererUrl: string): boolean {
  const frame = event.senderFrame;
  return !!frame && frame.parent === null && isAppUrl(frame.url, rendererUrl);
}

/**
 * Electron IPC into the dispatcher. A session belongs to a window: main keeps each window's token
 * (the page never sees it) and ends the session when the window is destroyed (closing only hides
 * it). Messages from any frame but our own page are refused. Each signed-in window gets the events
 * its user may read, through the same session feed as the bridge's server-sent events.
 */
export function registerDispatcher(core: Core, rendererUrl: string, hooks: DispatcherHooks): void {
  const windows = new Map<number, { token: string; userId: number; stopFeed: () => void }>();
  const watched = new Set<number>();

  ipcMain.handle(
    IPC_INVOKE_CHANNEL,
    async (event: IpcMainInvokeEvent, operation: unknown, input: unknown) => {
      if (!fromTheApp(event, rendererUrl) || typeof operation !== 'string') {
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: 'Not from the app' },
        } satisfies Outcome<never>;
      }
      const contents = event.sender;
      const held = windows.get(contents.id);
      const outcome = await core.dispatcher.dispatch(operation, input, {
        transport: 'ipc',
        sessionToken: held?.token ?? null,
      });
      if (outcome.ok && operation === 'auth.login') {
        const result = outcome.result as LoginResult;
        if (result.token) signedIn(contents, result.token, result.session.user.id);
        delete result.token;
      }
      if (operation === 'auth.logout' && held) {
        forget(contents.id);
        hooks.signedOut(held.userId);
      }
      return outcome;
    },
  );

  function signedIn(contents: WebContents, token: string, userId: number) {
    forget(contents.id);
    const stopFeed = openSessionFeed({
      events: core.events,
      sessionId: hashToken(token),
      loadAudience: () => core.sessions.audienceOf(hashToken(token)),
      send: (event) => sendEvent(contents, event),
      onEnded: () => forget(contents.id),
      logger: core.ctx.logger,
    });
    windows.set(contents.id, { token, userId, stopFeed });
    hooks.signedIn(userId);
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
    if (token) await core.ctx.tx.run((m) => core.sessions.end(m, hashToken(token))).catch(() => undefined);
  }
}
