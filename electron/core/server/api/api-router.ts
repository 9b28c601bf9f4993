import express, { type Request, type Response, type Router } from 'express';
import { AppError, type AppErrorPayload } from '@shared/errors';
import { operations } from '@shared/operations';
import type { Actor } from '../../auth/actor';
import type { Core } from '../../create-core';
import { HTTP_STATUS } from '../error-status';
import { openApiDocument } from './openapi';
import { RateLimiter } from './rate-limiter';
import { routeInput } from './route-input';
import { API_ROUTES, type ApiRoute } from './routes';
import { readUploadBody } from './upload-body';

export interface ApiOptions {
  /** Sustained calls a second per token, and the burst allowed on top. */
  perSecond?: number;
  burst?: number;
  /** Calls without a valid token allowed from one address: a second, and at once. */
  unauthenticatedPerSecond?: number;
  unauthenticatedBurst?: number;
  /** Limiters made by the caller (tests look at their size); made from the figures above otherwise. */
  limiters?: ApiLimiters;
}

/** The limits of one /api/v1 router: exposed so tests can see that they stay bounded. */
export interface ApiLimiters {
  /** Per API token id, once the token is known good. */
  tokens: RateLimiter;
  /** Per remote address, for calls whose token is missing or refused. */
  addresses: RateLimiter;
}

/**
 * `/api/v1`: REST over the dispatcher, so the token API enforces exactly what the UI enforces.
 *
 * Rate limits: a good token is limited by its id; a call without a valid token by the address it
 * comes from. A bucket is never made for a string an outsider chose, so random tokens cannot grow
 * memory, and the buckets are bounded and swept (rate-limiter.ts). The token is checked before the
 * address's limit applies: behind the tunnel every outsider shares one address, and a flood of bad
 * tokens must not lock the shop's own integrations out.
 */
export function apiRouter(core: Core, options: ApiOptions = {}): Router {
  const router = express.Router();
  const limiter: ApiLimiters = options.limiters ?? {
    tokens: new RateLimiter(options.perSecond ?? 20, options.burst ?? 40),
    addresses: new RateLimiter(options.unauthenticatedPerSecond ?? 1, options.unauthenticatedBurst ?? 10),
  };
  // Upload routes read their (large) bodies themselves, once the token is known to be good.
  const smallJson = express.json({ limit: '1mb' });
  const uploads = API_ROUTES.filter((r) => r.upload);
  router.use((req, res, next) =>
    uploads.some((r) => r.method === req.method.toLowerCase() && r.path === req.path)
      ? next()
      : smallJson(req, res, next),
  );

  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument(knownPublicUrl(core)));
  });

  for (const route of API_ROUTES) {
    router[route.method](route.path, (req, res) => void handle(core, limiter, route, req, res));
  }

  router.use((_req, res) =>
    sendError(res, { code: 'NOT_FOUND', message: 'No such API route; see /api/v1/openapi.json' }),
  );
  // Malformed JSON and oversized bodies: a typed 4xx, never a stack trace.
  router.use(((error, _req, res, _next) => {
    const status = typeof error?.status === 'number' ? error.status : 400;
    res.status(status).json({
      error: { code: 'VALIDATION', message: status === 413 ? 'Request too large' : 'Malformed JSON body' },
    });
  }) as express.ErrorRequestHandler);
  return router;
}

async function handle(core: Core, limiter: ApiLimiters, route: ApiRoute, req: Request, res: Response) {
  // The scheme is case-insensitive (RFC 7235).
  const token = /^bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1] ?? null;
  const actor = token ? await core.services.tokens.authenticate(token) : null;
  if (!actor?.apiTokenId) {
    const wait = limiter.addresses.take(req.socket.remoteAddress ?? 'unknown');
    if (wait > 0) return tooMany(res, wait, 'Too many requests without a valid API token');
    return sendError(res, {
      code: 'UNAUTHENTICATED',
      message: token
        ? 'A valid API token is required'
        : 'Send an API token as "Authorization: Bearer <token>"',
    });
  }
  const wait = limiter.tokens.take(`token:${actor.apiTokenId}`);
  if (wait > 0) return tooMany(res, wait, 'Too many requests for this token');
  if (route.upload) {
    const refused = refuseUpload(route, actor);
    if (refused) return sendError(res, refused);
    try {
      req.body = await readUploadBody(req, res);
    } catch (error) {
      return sendError(
        res,
        error instanceof AppError
          ? error.toPayload()
          : { code: 'VALIDATION', message: 'Malformed request body' },
      );
    }
  }
  let input: Record<string, unknown>;
  try {
    input = routeInput(route, req);
  } catch (error) {
    if (error instanceof AppError) return sendError(res, error.toPayload());
    throw error;
  }
  const outcome = await core.dispatcher.dispatch(route.operation, input, {
    transport: 'api',
    apiActor: actor,
  });
  if (!outcome.ok) return sendError(res, outcome.error);
  const result = outcome.result;
  if (route.paged && isPage(result)) {
    res.status(route.successStatus ?? 200).json({
      data: result.items,
      paging: {
        page: result.page,
        pageSize: result.pageSize,
        total: result.total,
        ...(result.next === undefined ? {} : { next: result.next }),
      },
    });
    return;
  }
  if (route.cursor && isItems(result)) {
    const next = (result as Record<string, unknown>)[route.cursor.field];
    res.status(route.successStatus ?? 200).json({
      data: result.items,
      paging: { next: next ?? null, param: route.cursor.param },
    });
    return;
  }
  res.status(route.successStatus ?? 200).json({ data: result });
}

function isItems(value: unknown): value is { items: unknown[] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { items?: unknown }).items);
}

/**
 * Before a body of up to 140 MB is read, the token must hold the route's permission (the
 * dispatcher checks it again), so a token that may not upload cannot make the app buffer one.
 */
function refuseUpload(route: ApiRoute, actor: Actor): AppErrorPayload | null {
  const access = operations[route.operation].access;
  if (access.kind === 'permission' && !actor.permissions.has(access.permission)) {
    return { code: 'FORBIDDEN', message: `You need the “${access.permission}” permission` };
  }
  return null;
}

/** The address this install is known by: the fixed tunnel URL, else the tunnel's current one. */
function knownPublicUrl(core: Core): string | null {
  const tunnel = core.ctx.config.tunnel;
  if (tunnel.enabled && tunnel.provider === 'fixed') return tunnel.host;
  return core.tunnel?.status().url ?? null;
}

function tooMany(res: Response, wait: number, message: string) {
  res.setHeader('Retry-After', String(wait));
  sendError(res, { code: 'RATE_LIMITED', message, retryAfterSeconds: wait });
}

function sendError(res: Response, error: AppErrorPayload) {
  res.status(HTTP_STATUS[error.code]).json({ error });
}

function isPage(
  value: unknown,
): value is { items: unknown[]; page: number; pageSize: number; total: number; next?: string | null } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { items?: unknown }).items);
}
