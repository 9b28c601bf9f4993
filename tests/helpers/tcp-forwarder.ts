import { connect, createServer, type Socket } from 'node:net';

export interface TcpForwarder {
  /** `http://127.0.0.1:PORT`: what a tunnel's public URL would be. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * What a tunnel does, on one machine: every connection to a local port is piped, untouched, to the
 * target. The fake ngrok SDK and the fake cloudflared use one, so a test's "public URL" really
 * reaches the app's public listener.
 */
export async function startTcpForwarder(target: { host: string; port: number }): Promise<TcpForwarder> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    const upstream = connect({ host: target.host, port: target.port });
    for (const s of [socket, upstream]) {
      sockets.add(s);
      s.once('close', () => sockets.delete(s));
    }
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
    socket.pipe(upstream).pipe(socket);
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
