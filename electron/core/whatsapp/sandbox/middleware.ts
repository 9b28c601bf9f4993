import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { sameSecret } from '../webhooks/handshake';
import type { SandboxContext } from './context';
import { graphErrors, sendGraphError } from './graph-errors';
import { chance, newIds } from './random';

/** The URL clients reached the sandbox by, for links it hands out (paging, media). */
export function publicBase(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/** Graph's tracing headers on every answer (reference §1). */
export function graphHeaders(): RequestHandler {
  return (_req, res, next) => {
    res.set({ 'x-fb-trace-id': newIds.fbtrace(), 'x-fb-request-id': newIds.fbtrace() });
    next();
  };
}

/**
 * Faults for tests, each at its configured rate: the connection dropped without an answer, a request
 * left hanging until the client gives up, or a 500 with Meta's "unknown failure" code. Then the
 * configured latency, so a test can have requests in flight when it wants them.
 */
export function injectFaults(ctx: SandboxContext): RequestHandler {
  return (req, res, next) => {
    const { faults, latencyMs } = ctx.config();
    if (chance(ctx.random, faults.drop)) {
      req.socket.destroy();
      return;
    }
    if (chance(ctx.random, faults.hang)) return;
    if (chance(ctx.random, faults.serverError)) {
      sendGraphError(res, {
        code: 131000,
        title: 'Something went wrong',
        details: 'Injected server error',
        httpStatus: 500,
      });
      return;
    }
    if (latencyMs > 0) setTimeout(next, latencyMs);
    else next();
  };
}

/**
 * A Bearer header (or `OAuth`, which Meta's upload sessions use), or `?access_token=` as Meta's own
 * examples use; anything else is 190.
 */
export function requireAccessToken(ctx: SandboxContext): RequestHandler {
  return (req, res, next) => {
    const fromHeader = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1];
    const fromQuery = typeof req.query.access_token === 'string' ? req.query.access_token : undefined;
    const token = fromHeader ?? fromQuery;
    if (!token || !sameSecret(token, ctx.accessToken)) {
      sendGraphError(res, graphErrors.invalidToken());
      return;
    }
    next();
  };
}

/** Bodies Express could not parse (bad JSON, too large) get a Graph error rather than an HTML page. */
export function graphErrorHandler(): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = (error as { status?: unknown }).status;
    const message = error instanceof Error ? error.message : 'The request could not be read';
    sendGraphError(res, {
      ...graphErrors.invalidParameter(message),
      httpStatus: typeof status === 'number' ? status : 400,
    });
  };
}

/** `?fields=a,b` of Graph: only those keys (and always `id`), or the defaults without it. */
export function pickFields(
  object: Record<string, unknown>,
  fields: unknown,
  defaults: readonly string[] | null = null,
): Record<string, unknown> {
  const wanted =
    typeof fields === 'string' && fields.trim() ? fields.split(',').map((f) => f.trim()) : defaults;
  if (!wanted) return object;
  return Object.fromEntries(Object.entries(object).filter(([key]) => key === 'id' || wanted.includes(key)));
}
