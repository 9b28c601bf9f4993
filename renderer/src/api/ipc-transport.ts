import type { WapiBridge } from '@shared/bridge';
import type { Transport } from './transport';

/** Inside Electron: the main process keeps this window's session, so no token passes through here. */
export function ipcTransport(wapi: WapiBridge): Transport {
  return {
    invoke: (operation, input) => wapi.invoke(operation, input),
    subscribe: (listener) => wapi.on(listener),
  };
}
