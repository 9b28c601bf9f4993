import express, { type Request, type Response, type Router } from 'express';
import { AppError, type AppErrorPayload } from '@shared/errors';
import { operations } from '@shared/operations';
import type { Core } from '../../create-core';
import { HTTP_STATUS } from '../error-status';
import { openApiDocument } from './openapi';
import { RateLimiter } from './rate-limiter';
import { routeInput } from './route-input';
import { API_ROUTES, type ApiRoute } from './routes';
import { readUploadBody } from './upload-body';
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
  // Upload routes read their (large) bodies themselves, once the token is known to be good.
  const smallJson = express.json({ limit: '1mb' });
  const uploads = API_ROUTES.filter((r) => r.upload);
  router.use((req, res, next) =>
    uploads.some((r) => r.method === req.method.toLowerCase() && r.path === req.path)
      ? next()
      : smallJson(req, res, next),
  );

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
  if (route.upload) {
    const refused = await refuseUpload(core, route, token);
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
  res.status(route.successStatus ?? 200).json({ data: result });
}

/**
 * Before a body of up to 140 MB is read: the token must be valid and hold the route's permission
 * (the dispatcher checks both again), so a stranger cannot make the app buffer large bodies.
 */
async function refuseUpload(core: Core, route: ApiRoute, token: string): Promise<AppErrorPayload | null> {
  const actor = await core.services.tokens.authenticate(token);
  if (!actor) return { code: 'UNAUTHENTICATED', message: 'A valid API token is required' };
  const access = operations[route.operation].access;
  if (access.kind === 'permission' && !actor.permissions.has(access.permission)) {
    return { code: 'FORBIDDEN', message: `You need the “${access.permission}” permission` };
  }
  return null;
}

function sendError(res: Response, error: AppErrorPayload) {
  res.status(HTTP_STATUS[error.code]).json({ error });
}

function isPage(
  value: unknown,
): value is { items: unknown[]; page: number; pageSize: number; total: number } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { items?: unknown }).items);
}
