import {
  createServer as createHttpServer,
  request,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A stand-in for a localtunnel server (github.com/localtunnel/server), on 127.0.0.1 only.
 *
 * Control: `GET /?new` or `GET /<subdomain>` opens a tunnel and answers `{ id, port, max_conn_count,
 * url }`. The client then keeps TCP sockets open to `port`. Each request to the tunnel's public side
 * is written, raw, to one idle client socket, whose raw answer is piped back; the socket is used up
 * (`Connection: close`) and the client opens another. Each tunnel gets its own public port, so no
 * test needs DNS for `<id>.host` names.
 */
export interface FakeTunnel {
  id: string;
  url: string;
  clientPort: number;
  /** Client sockets connected now, idle or carrying a request. */
  clientSockets: Set<Socket>;
}

export interface LocaltunnelServer {
  url: string;
  port: number;
  /** Every control request path in order, e.g. `/?new` or `/myshop`. */
  requests: string[];
  /** The Authorization header of each control request, if any. */
  authorizations: (string | undefined)[];
  tunnels: Map<string, FakeTunnel>;
  /** Destroys every client socket; the tunnels stay, so the client may connect again. */
  killClientSockets(): void;
  /** Forgets a tunnel: its ports close and its sockets die, as when a real server restarts. */
  dropTunnel(id: string): Promise<void>;
  close(): Promise<void>;
}

const VALID_SUBDOMAIN = /^(?:[a-z0-9][a-z0-9-]{4,63}[a-z0-9]|[a-z0-9]{4,63})$/;
type Waiter = (client: Socket) => void;

export async function startLocaltunnelServer(
  options: { port?: number; maxConn?: number } = {},
): Promise<LocaltunnelServer> {
  const tunnels = new Map<string, FakeTunnel & { servers: Server[] }>();
  const requests: string[] = [];
  const authorizations: (string | undefined)[] = [];
  let counter = 0;

  async function openTunnel(id: string): Promise<FakeTunnel> {
    const idle: Socket[] = [];
    const waiting: Waiter[] = [];
    const clientSockets = new Set<Socket>();
    const clientServer = createTcpServer((client) => {
      clientSockets.add(client);
      client.on('error', () => {});
      client.once('close', () => {
        clientSockets.delete(client);
        if (idle.includes(client)) idle.splice(idle.indexOf(client), 1);
      });
      const waiter = waiting.shift();
      if (waiter) waiter(client);
      else idle.push(client);
    });
    const publicServer = createHttpServer((req, res) => {
      const client = idle.shift();
      if (client) return forward(req, res, client);
      const waiter: Waiter = (socket) => forward(req, res, socket);
      waiting.push(waiter);
      // No client socket came in time: answer as a real server would rather than hang the test.
      setTimeout(() => {
        if (!waiting.includes(waiter)) return;
        waiting.splice(waiting.indexOf(waiter), 1);
        res.writeHead(502).end();
      }, 2000).unref();
    });
    const [clientPort, publicPort] = await Promise.all([listenOn(clientServer), listenOn(publicServer)]);
    const tunnel = {
      id,
      url: `http://127.0.0.1:${publicPort}`,
      clientPort,
      clientSockets,
      servers: [clientServer, publicServer],
    };
    tunnels.set(id, tunnel);
    return tunnel;
  }

  const control = createHttpServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    authorizations.push(req.headers.authorization);
    const wanted = path === '/?new' ? null : decodeURIComponent(path.slice(1));
    if (req.method !== 'GET' || (wanted !== null && !VALID_SUBDOMAIN.test(wanted))) {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ message: 'Invalid subdomain. Subdomains must be lowercase and 4 to 63 long.' }),
      );
      return;
    }
    // Like the real server, a subdomain already in use gets a fresh id instead.
    const id = wanted && !tunnels.has(wanted) ? wanted : `t${++counter}`;
    void openTunnel(id).then((tunnel) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const maxConn = options.maxConn ?? 2;
      res.end(JSON.stringify({ id, port: tunnel.clientPort, max_conn_count: maxConn, url: tunnel.url }));
    });
  });
  const port = await listenOn(control, options.port ?? 0);

  const dropTunnel = async (id: string) => {
    const tunnel = tunnels.get(id);
    if (!tunnel) return;
    tunnels.delete(id);
    for (const socket of tunnel.clientSockets) socket.destroy();
    await Promise.all(tunnel.servers.map(closeServer));
  };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    authorizations,
    tunnels,
    killClientSockets: () => tunnels.forEach((t) => t.clientSockets.forEach((s) => s.destroy())),
    dropTunnel,
    close: async () => {
      await Promise.all([...tunnels.keys()].map(dropTunnel));
      await closeServer(control);
    },
  };
}

/** Writes the request, raw, on the client's socket and pipes the raw answer back. */
function forward(req: IncomingMessage, res: ServerResponse, client: Socket): void {
  const headers = { ...req.headers, connection: 'close' };
  const upstream = request({ method: req.method, path: req.url, headers, createConnection: () => client });
  upstream.on('response', (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
  req.pipe(upstream);
}

function listenOn(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: Server): Promise<void> {
  if ('closeAllConnections' in server && typeof server.closeAllConnections === 'function') {
    server.closeAllConnections();
  }
  return new Promise((done) => server.close(() => done()));
}
