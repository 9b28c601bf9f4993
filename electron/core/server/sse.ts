import type { Request, Response } from 'express';
import type { Core } from '../create-core';
import { openSessionFeed } from '../events/session-feed';

const HEARTBEAT_MS = 25_000;

/** The events one signed-in page may hear, as server-sent events; ends when its session ends. */
export async function streamEvents(core: Core, token: string | null, req: Request, res: Response) {
  const found = token ? await core.sessions.authenticate(token) : null;
  if (!found) {
    res.status(401).json({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Sign in first' } });
    return;
  }
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  const sessionId = found.session.id;
  const stopFeed = openSessionFeed({
    events: core.events,
    sessionId,
    loadAudience: () => core.sessions.audienceOf(sessionId),
    send: (event) => {
      if (!res.writableEnded) res.write(`event: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`);
    },
    onEnded: () => res.end(),
    logger: core.ctx.logger,
  });
  const heartbeat = setInterval(() => {
    if (!res.writableEnded) res.write(': ping\n\n');
  }, HEARTBEAT_MS);
  const stop = () => {
    clearInterval(heartbeat);
    stopFeed();
  };
  req.on('close', stop);
  res.on('close', stop);
}
