import { createServer, type AddressInfo } from 'node:net';
import { listen, type Listening } from '../../../electron/core/server/listen';
import type { TunnelManager, TunnelStatus } from '../../../electron/core/tunnel';

/** Every status a manager reports, in order, and a way to wait for one. */
export function watch(manager: TunnelManager): {
  statuses: TunnelStatus[];
  until(test: (status: TunnelStatus) => boolean, timeoutMs?: number): Promise<TunnelStatus>;
} {
  const statuses: TunnelStatus[] = [];
  const waiters = new Set<(status: TunnelStatus) => void>();
  manager.onStatus((status) => {
    statuses.push(status);
    for (const waiter of waiters) waiter(status);
  });
  return {
    statuses,
    until(test, timeoutMs = 8000) {
      const now = manager.status();
      if (test(now)) return Promise.resolve(now);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(
              `no matching tunnel status within ${timeoutMs} ms; last: ${JSON.stringify(manager.status())}`,
            ),
          );
        }, timeoutMs);
        const waiter = (status: TunnelStatus) => {
          if (!test(status)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(status);
        };
        waiters.add(waiter);
      });
    },
  };
}

export interface StandIn extends Listening {
  /** Requests seen, as `METHOD path`. */
  seen: string[];
  /** What GET /health answers; 200 is the public listener's own answer. */
  healthStatus: number;
}

/**
 * A stand-in for the public listener where the test needs control over /health: answers it like the
 * real one, and echoes `POST /echo` bodies back byte for byte.
 */
export async function startStandIn(instance = 'stand-in-instance'): Promise<StandIn> {
  const state = { seen: [] as string[], healthStatus: 200 };
  const listening = await listen(
    (req, res) => {
      state.seen.push(`${req.method} ${req.url}`);
      if (req.url === '/health') {
        res.writeHead(state.healthStatus, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(state.healthStatus === 200 ? { status: 'ok', instance } : { error: 'broken' }),
        );
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        res.writeHead(req.url === '/echo' ? 200 : 404, { 'content-type': 'application/octet-stream' });
        res.end(Buffer.concat(chunks));
      });
    },
    '127.0.0.1',
    0,
  );
  // The handler reads `state`, so the stand-in is `state` with the listener's fields added.
  return Object.assign(state, listening);
}

/** A loopback port nobody listens on (a closed port: connections are refused at once). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/** Fast, deterministic timings for managers under test. */
export const FAST = {
  backoff: { initialMs: 40, maxMs: 400, factor: 2 },
  random: () => 0.5,
  probeIntervalMs: 100,
  failedProbesBeforeDown: 1,
} as const;
