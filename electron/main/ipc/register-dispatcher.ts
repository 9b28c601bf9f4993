import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '@shared/bridge';
import type { Outcome } from '@shared/errors';
import type { Core } from '../../core/create-core';
import { hashToken } from '../../core/util/tokens';
import { isAppUrl } from '../window';

/**
 * Electron IPC into the dispatcher. A session belongs to a window: main keeps each window's token
 * (the page never sees it) and ends the session when the window closes. Messages from any frame
 * but our own page are refused.
 */
export function registerDispatcher(core: Core): void {
  const tokens = new Map<number, string>();

  ipcMain.handle(
    IPC_INVOKE_CHANNEL,
    async (event: IpcMainInvokeEvent, operation: unknown, input: unknown) => {
      if (!event.senderFrame || !isAppUrl(event.senderFrame.url) || typeof operation !== 'string') {
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: 'Not from the app' },
        } satisfies Outcome<never>;
      }
      const windowId = event.sender.id;
      const outcome = await core.dispatcher.dispatch(operation, input, {
        transport: 'ipc',
        sessionToken: tokens.get(windowId) ?? null,
      });
      if (outcome.ok && operation === 'auth.login') {
        const result = outcome.result as { token?: string };
        if (result.token) {
          tokens.set(windowId, result.token);
          event.sender.once('destroyed', () => void endWindowSession(windowId));
        }
        delete result.token;
      }
      if (operation === 'auth.logout') tokens.delete(windowId);
      return outcome;
    },
  );

  async function endWindowSession(windowId: number) {
    const token = tokens.get(windowId);
    tokens.delete(windowId);
    if (token) await core.ctx.tx.run((m) => core.sessions.end(m, hashToken(token)));
  }

  // Events go to the windows whose session they concern (all signed-in windows when unaddressed).
  core.events.subscribe((delivery) => {
    for (const window of BrowserWindow.getAllWindows()) {
      const token = tokens.get(window.webContents.id);
      if (!token) continue;
      if (delivery.to && !delivery.to.includes(hashToken(token))) continue;
      if (delivery.name === 'session.ended') tokens.delete(window.webContents.id);
      window.webContents.send(IPC_EVENT_CHANNEL, { name: delivery.name, payload: delivery.payload });
    }
  });
}
