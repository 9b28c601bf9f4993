import express, { type Request, type RequestHandler } from 'express';
import { existsSync } from 'node:fs';
import type { Core } from '../create-core';
import { HTTP_STATUS } from './error-status';
import { listen, type Listening } from './listen';
import { serveMediaPreview } from './bridge-media';
import { securityHeaders } from './security-headers';
import { streamEvents } from './sse';

/**
 * The UI bridge for headless mode and browser tests: the built renderer, `POST /bridge/rpc/:op`
 * into the dispatcher and `GET /bridge/events` (server-sent events). Loopback only, never behind
 * the tunnel. It authenticates with a session token in the Authorization header (a page on another
 * site cannot set it without CORS, which we never grant) and checks the Host header against DNS
 * rebinding.
 */
export async function startBridgeServer(
  core: Core,
  options: { port: number; rendererDir: string | null },
): Promise<Listening> {
  const app = express();
  app.disable('x-powered-by');
  let allowedHosts: Set<string> = new Set();
  app.use(hostCheck(() => allowedHosts));
  app.use(securityHeaders);

  // CSV imports and media uploads arrive base64-encoded; everything else stays small.
  const largeBody = express.json({ limit: '64mb' });
  const smallBody = express.json({ limit: '2mb' });
  const bodyParser: express.RequestHandler = (req, res, next) =>
    (LARGE_BODY_OPERATIONS.has(String(req.params.operation)) ? largeBody : smallBody)(req, res, next);
  app.post('/bridge/rpc/:operation', bodyParser, async (req, res) => {
    const outcome = await core.dispatcher.dispatch(String(req.params.operation), req.body, {
      transport: 'bridge',
      sessionToken: bearer(req),
    });
    res.status(outcome.ok ? 200 : HTTP_STATUS[outcome.error.code]).json(outcome);
  });
  app.get('/bridge/events', (req, res) => void streamEvents(core, bearer(req), req, res));
  app.get('/bridge/media/:id', (req, res) => void serveMediaPreview(core, bearer(req), req, res));
  app.use('/bridge', (_req, res) => {
    res.status(404).json({ ok: false, error: { code: 'NOT_FOUND', message: 'No such bridge route' } });
  });

  if (options.rendererDir && existsSync(options.rendererDir)) {
    app.use(express.static(options.rendererDir, { index: 'index.html', fallthrough: true }));
  }
  // Bad JSON and oversized bodies get a typed 400/413, never a stack trace.
  app.use(((error, _req, res, _next) => {
    const status = typeof error?.status === 'number' ? error.status : 500;
    res.status(status).json({
      ok: false,
      error: {
        code: status === 500 ? 'INTERNAL' : 'VALIDATION',
        message: status === 413 ? 'Request too large' : 'Malformed request',
      },
    });
  }) as express.ErrorRequestHandler);

  const listening = await listen(app, '127.0.0.1', options.port);
  allowedHosts = new Set([`127.0.0.1:${listening.port}`, `localhost:${listening.port}`]);
  return listening;
}

/** Operations that carry a file in base64: a CSV, a library upload, a file dropped into a conversation. */
const LARGE_BODY_OPERATIONS = new Set([
  'contacts.importPreview',
  'contacts.importRun',
  'media.uploadFile',
  'conversations.send',
  'media.add',
  'businessProfile.setPhoto',
]);

function bearer(req: Request): string | null {
  // The scheme is case-insensitive (RFC 7235).
  const match = /^bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match ? match[1]! : null;
}

/** Refuses any Host but our own loopback address and port, so a rebound DNS name reaches nothing. */
function hostCheck(allowed: () => Set<string>): RequestHandler {
  return (req, res, next) => {
    if (!allowed().has(req.headers.host ?? '')) {
      res.status(421).type('text/plain').send('Misdirected request');
      return;
    }
    next();
  };
}
