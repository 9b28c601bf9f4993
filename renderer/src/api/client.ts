import { AppError } from '@shared/errors';
import type { CoreEvent } from '@shared/events';
import type { InputOf, OperationName, ResultOf } from '@shared/operations';
import { httpTransport } from './http-transport';
import { ipcTransport } from './ipc-transport';
import type { Transport } from './transport';

const transport: Transport = window.wapi ? ipcTransport(window.wapi) : httpTransport();

/** Calls one operation of the core; resolves with its typed result or throws an AppError. */
export async function call<N extends OperationName>(operation: N, input: InputOf<N>): Promise<ResultOf<N>> {
  const outcome = await transport.invoke(operation, input);
  if (!outcome.ok) throw AppError.fromPayload(outcome.error);
  return outcome.result as ResultOf<N>;
}

export function onCoreEvent(listener: (event: CoreEvent) => void): () => void {
  return transport.subscribe(listener);
}

/** A message fit for a person, whatever was thrown. */
export function messageOf(error: unknown): string {
  if (error instanceof AppError) return error.message;
  return 'Something went wrong';
}
