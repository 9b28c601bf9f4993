import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import type { RequestListener } from 'node:http';

export interface Listening {
  server: Server;
  host: string;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Starts an HTTP listener; port 0 picks a free one. */
export function listen(handler: RequestListener, host: string, port: number): Promise<Listening> {
  const server = createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        server,
        host,
        port: address.port,
        url: `http://${shownHost}:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
