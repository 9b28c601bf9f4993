import type { Request, Response } from 'express';
import type { Core } from '../create-core';

const HEARTBEAT_MS = 25_000;

/** Core events for one signed-in page, as server-sent events; ends when its session ends. */
export async function streamEvents(core: Core, token: string | null, req: Request, res: Response) {
  const found = token ? await core.sessions.authenticate(token) : null;
  if (!found) {
    res.status(401).json({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Sign in first' } });
    return;
  }
  const sessionId = found.session.id;
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  const stop = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  const unsubscribe = core.events.subscribe((delivery) => {
    if (res.writableEnded) return;
    if (delivery.to && !delivery.to.includes(sessionId)) return;
    res.write(`event: ${delivery.name}\ndata: ${JSON.stringify(delivery.payload)}\n\n`);
    if (delivery.name === 'session.ended') {
      // Events published right after it (people.changed) must not reach an ended stream.
      stop();
      res.end();
    }
  });
  const heartbeat = setInterval(() => {
    if (!res.writableEnded) res.write(': ping\n\n');
  }, HEARTBEAT_MS);
  req.on('close', stop);
  res.on('close', stop);
}
