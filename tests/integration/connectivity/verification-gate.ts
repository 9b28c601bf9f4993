import { request } from 'node:http';
import { listen } from '../../../electron/core/server/listen';

export interface VerificationGate {
  /** The "public URL" a fixed tunnel points at. */
  url: string;
  /** While true, Meta's verification GET to /webhook is refused with 403; all else passes. */
  refuseVerification: boolean;
  /** Where requests go: the public listener's port on loopback. */
  target(port: number): void;
  close(): Promise<void>;
}

/**
 * A reverse proxy in front of the public listener, as a shop's own would be, that can refuse
 * Meta's verification request: the registration must then fail in plain words and be retried.
 */
export async function startVerificationGate(): Promise<VerificationGate> {
  let port = 0;
  const state = { refuseVerification: false };
  const listening = await listen(
    (req, res) => {
      if (state.refuseVerification && req.method === 'GET' && req.url?.startsWith('/webhook')) {
        res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden');
        return;
      }
      if (!port) {
        res.writeHead(502).end();
        return;
      }
      const upstream = request(
        { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
      req.pipe(upstream);
    },
    '127.0.0.1',
    0,
  );
  return Object.assign(state, {
    url: listening.url,
    target: (p: number) => {
      port = p;
    },
    close: () => listening.close(),
  });
}
