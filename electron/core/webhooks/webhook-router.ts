import express, { type Router } from 'express';
import type { Core } from '../create-core';
import { verifyHandshake, verifySignature } from '../whatsapp/webhooks';
import { WebhookInbox } from './webhook-inbox';

/** Meta's own limits: payloads up to 3 MB and at most 1000 changes a delivery. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;
export const MAX_CHANGES = 1000;

export interface WebhookRouterOptions {
  /** Called after a delivery is stored, so the processor applies it at once. */
  onStored: () => void;
}

/**
 * `GET /webhook` answers Meta's verification handshake; `POST /webhook` checks the signature over
 * the raw bytes, stores the body and answers 200: applying it is the processor's work, so Meta
 * never waits on it and nothing acknowledged is lost.
 */
export function webhookRouter(core: Core, options: WebhookRouterOptions): Router {
  const router = express.Router();
  const inbox = new WebhookInbox(core.ctx);

  router.get('/', async (req, res) => {
    const verifyToken = await core.secrets.get('verify_token');
    const challenge = verifyToken ? verifyHandshake(req.query as Record<string, unknown>, verifyToken) : null;
    if (challenge === null) {
      res.status(403).type('text/plain').send('Verification failed');
      return;
    }
    res.status(200).type('text/plain').send(challenge);
  });

  router.post('/', express.raw({ type: () => true, limit: MAX_BODY_BYTES }), async (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const appSecret = await core.secrets.get('app_secret');
    if (!appSecret) {
      // Not 200: Meta retries for days, so nothing is lost while the owner sets the secret.
      res.status(503).json({ error: 'The app secret is not set in Wapidesk yet' });
      return;
    }
    const signature = req.get('x-hub-signature-256');
    if (!verifySignature(body, signature, appSecret)) {
      // The secret is kept in memory once read (secret-store.ts): one changed outside the app is
      // read again before a delivery is refused.
      const fresh = signature ? await core.secrets.fresh('app_secret') : null;
      if (!fresh || fresh === appSecret || !verifySignature(body, signature, fresh)) {
        res.status(401).json({ error: 'Missing or invalid X-Hub-Signature-256' });
        return;
      }
    }
    const problem = shapeProblem(body);
    if (problem) {
      res.status(problem.status).json({ error: problem.message });
      return;
    }
    try {
      await inbox.store(body);
    } catch (error) {
      // Not stored, so not acknowledged: Meta retries. Our fault, so a 5xx rather than a 4xx.
      core.ctx.logger.error('could not store a webhook delivery', error);
      res.status(503).json({ error: 'Could not store the delivery; retry later' });
      return;
    }
    res.status(200).send('EVENT_RECEIVED');
    options.onStored();
  });

  router.use(((error, _req, res, _next) => {
    const status = typeof error?.status === 'number' && error.status < 500 ? error.status : 400;
    res.status(status).json({ error: status === 413 ? 'Payload too large' : 'Bad request' });
  }) as express.ErrorRequestHandler);
  return router;
}

/** JSON, an object with an `entry` array, and no more changes than Meta ever sends. */
function shapeProblem(body: Buffer): { status: number; message: string } | null {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return { status: 400, message: 'Body is not JSON' };
  }
  const entry = (json as { entry?: unknown } | null)?.entry;
  if (typeof json !== 'object' || json === null || !Array.isArray(entry)) {
    return { status: 400, message: 'Expected an object with an entry array' };
  }
  let changes = 0;
  for (const item of entry) {
    const list = (item as { changes?: unknown } | null)?.changes;
    if (Array.isArray(list)) changes += list.length;
  }
  if (changes > MAX_CHANGES)
    return { status: 413, message: `More than ${MAX_CHANGES} changes in one delivery` };
  return null;
}
