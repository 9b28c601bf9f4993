import type { Outcome } from './errors';
import type { CoreEvent } from './events';

/** What the preload exposes as `window.wapi`, and all the renderer may reach of the main process. */
export interface WapiBridge {
  invoke(operation: string, input: unknown): Promise<Outcome<unknown>>;
  on(listener: (event: CoreEvent) => void): () => void;
}

export const IPC_INVOKE_CHANNEL = 'wapi:invoke';
export const IPC_EVENT_CHANNEL = 'wapi:event';
