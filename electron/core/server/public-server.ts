import express from 'express';
import type { Core } from '../create-core';
import { listen, type Listening } from './listen';

/**
 * The app's public listener at `[server] host:port`: the only one the tunnel forwards to. Webhooks,
 * /media and /api/v1 are mounted here by later work; it answers /health from the start.
 */
export async function startPublicServer(
  core: Core,
  options: { host: string; port: number },
): Promise<Listening> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', organization: core.ctx.config.organization.name });
  });
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'NOT_FOUND', message: 'Not found' } });
  });
  return listen(app, options.host, options.port);
}
