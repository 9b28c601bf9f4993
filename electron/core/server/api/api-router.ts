import express, { type Request, type Response, type Router } from 'express';
import type { AppErrorPayload } from '@shared/errors';
import type { Core } from '../../create-core';
import { HTTP_STATUS } from '../error-status';
import { openApiDocument } from './openapi';
import { RateLimiter } from './rate-limiter';
import { routeInput } from './route-input';
import { API_ROUTES, type ApiRoute } from './routes';
import { hashToken } from '../../util/tokens';

export interface ApiOptions {
  /** Sustained calls a second per token, and the burst allowed on top. */
  perSecond?: number;
  burst?: number;
}

/** `/api/v1`: REST over the dispatcher, so the token API enforces exactly what the UI enforces. */
export function apiRouter(core: Core, options: ApiOptions = {}): Router {
  const router = express.Router();
  const limiter = new RateLimiter(options.perSecond ?? 20, options.burst ?? 40);
  router.use(express.json({ limit: '1mb' }));

  router.get('/openapi.json', (req, res) => {
    res.json(openApiDocument(`${req.protocol}://${req.get('host') ?? 'localhost'}`));
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

async function handle(core: Core, limiter: RateLimiter, route: ApiRoute, req: Request, res: Response) {
  // The scheme is case-insensitive (RFC 7235).
  const token = /^bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1] ?? null;
  if (!token)
    return sendError(res, {
      code: 'UNAUTHENTICATED',
      message: 'Send an API token as "Authorization: Bearer <token>"',
    });
  const wait = limiter.take(hashToken(token));
  if (wait > 0) {
    res.setHeader('Retry-After', String(wait));
    return sendError(res, {
      code: 'RATE_LIMITED',
      message: 'Too many requests for this token',
      retryAfterSeconds: wait,
    });
  }
  const outcome = await core.dispatcher.dispatch(route.operation, routeInput(route, req), {
    transport: 'api',
    apiToken: token,
  });
  if (!outcome.ok) return sendError(res, outcome.error);
  const result = outcome.result;
  if (route.paged && isPage(result)) {
    res.status(route.successStatus ?? 200).json({
      data: result.items,
      paging: { page: result.page, pageSize: result.pageSize, total: result.total },
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

function sendError(res: Response, error: AppErrorPayload) {
  res.status(HTTP_STATUS[error.code]).json({ error });
}

function isPage(
  value: unknown,
): value is { items: unknown[]; page: number; pageSize: number; total: number } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { items?: unknown }).items);
}
