import { AppError } from '@shared/errors';
import type { OperationName, ParsedInputOf, ResultOf } from '@shared/operations';
import type { Actor } from '../auth/actor';

export type Transport = 'ipc' | 'bridge' | 'api';

/** How a call arrived and what it carries to prove who makes it. */
export interface Caller {
  transport: Transport;
  sessionToken?: string | null;
  /** The token API's bearer token (transport 'api'). */
  apiToken?: string | null;
  /** The token API's caller, when its router has authenticated the token already (for its rate limit). */
  apiActor?: Actor | null;
}

export interface HandlerContext {
  /** Null only for public operations. */
  actor: Actor | null;
  caller: Caller;
}

export type Handler<N extends OperationName> = (
  input: ParsedInputOf<N>,
  ctx: HandlerContext,
) => Promise<ResultOf<N>>;

/** The type makes a missing handler a compile error. */
export type HandlerMap = { [N in OperationName]: Handler<N> };

/** The actor of a non-public operation; the dispatcher has authenticated it already. */
export function actorOf(ctx: HandlerContext): Actor {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return ctx.actor;
}
