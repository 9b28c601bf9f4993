import express from 'express';
import type { Core } from '../create-core';
import { apiRouter, type ApiOptions } from './api/api-router';
import { listen, type Listening } from './listen';
import { webhookRouter } from '../webhooks/webhook-router';
import { mediaRouter } from '../media/media-router';

/**
 * The app's public listener at `[server] host:port`: the only one the tunnel forwards to. It holds
 * /health, Meta's /webhook, the token API /api/v1 (when IS_INTEGRATIONS_ENABLED), and /media/* (stored
 * media, which Meta fetches for `link` sends).
 */
export async function startPublicServer(
  core: Core,
  options: { host: string; port: number; api?: ApiOptions },
): Promise<Listening> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    // Nothing about the shop: once tunnelled, this answers the whole internet.
    res.json({ status: 'ok', instance: core.instanceId });
  });
  app.use('/webhook', webhookRouter(core, { onStored: () => core.webhooks.wake() }));
  if (core.ctx.config.features.IS_INTEGRATIONS_ENABLED) app.use('/api/v1', apiRouter(core, options.api));
  app.use('/media', mediaRouter(core.services.media));
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'NOT_FOUND', message: 'Not found' } });
  });
  return listen(app, options.host, options.port);
}
