import type { AppErrorPayload, Outcome } from '@shared/errors';
import type { InputOf, OperationName, ResultOf } from '@shared/operations';
import type { Core } from '../../electron/core/create-core';
import type { Transport } from '../../electron/core/dispatcher/handler';

/** Calls the dispatcher the way a transport does; `token` null means an anonymous caller. */
export function dispatch(
  core: Core,
  token: string | null,
  name: string,
  input?: unknown,
  transport: Transport = 'bridge',
): Promise<Outcome<unknown>> {
  return core.dispatcher.dispatch(name, input, { transport, sessionToken: token });
}

/** Calls an operation that must succeed and returns its typed result. */
export async function ok<N extends OperationName>(
  core: Core,
  token: string | null,
  name: N,
  input: InputOf<N>,
): Promise<ResultOf<N>> {
  const outcome = await dispatch(core, token, name, input);
  if (!outcome.ok) {
    throw new Error(`${name} failed: ${outcome.error.code} ${outcome.error.message}`);
  }
  return outcome.result as ResultOf<N>;
}

/** Calls an operation that must fail and returns the typed error. */
export async function fail(
  core: Core,
  token: string | null,
  name: string,
  input?: unknown,
): Promise<AppErrorPayload> {
  const outcome = await dispatch(core, token, name, input);
  if (outcome.ok) throw new Error(`${name} succeeded but was expected to fail`);
  return outcome.error;
}
