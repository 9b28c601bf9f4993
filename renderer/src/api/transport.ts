import type { Outcome } from '@shared/errors';
import type { CoreEvent } from '@shared/events';

/** How the renderer reaches the core: Electron IPC or the HTTP bridge; the rest of the UI cannot tell. */
export interface Transport {
  invoke(operation: string, input: unknown): Promise<Outcome<unknown>>;
  subscribe(listener: (event: CoreEvent) => void): () => void;
}
