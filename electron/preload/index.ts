import { contextBridge, ipcRenderer } from 'electron';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  IPC_NAVIGATE_CHANNEL,
  isShellRoute,
  type WapiBridge,
} from '@shared/bridge';
import type { Outcome } from '@shared/errors';
import type { CoreEvent } from '@shared/events';

/** Exactly one object reaches the page: no ipcRenderer, no Node. */
const wapi: WapiBridge = {
  invoke: (operation, input) =>
    ipcRenderer.invoke(IPC_INVOKE_CHANNEL, operation, input) as Promise<Outcome<unknown>>,
  on(listener) {
    const handler = (_event: Electron.IpcRendererEvent, message: CoreEvent) => listener(message);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.off(IPC_EVENT_CHANNEL, handler);
  },
  onNavigate(listener) {
    const handler = (_event: Electron.IpcRendererEvent, route: unknown) => {
      if (isShellRoute(route)) listener(route);
    };
    ipcRenderer.on(IPC_NAVIGATE_CHANNEL, handler);
    return () => ipcRenderer.off(IPC_NAVIGATE_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('wapi', wapi);
