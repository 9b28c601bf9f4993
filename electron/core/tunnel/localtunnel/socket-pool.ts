import { connect, type Socket } from 'node:net';
import { describeNetworkError } from '../describe';
import { TunnelError, type LocalTarget } from '../types';

export interface SocketPoolOptions {
  remote: { host: string; port: number };
  target: LocalTarget;
  size: number;
  /** A socket that dies younger than this without carrying a request is replaced only after this
   *  long, so a server that drops sockets at once is not hammered. */
  reopenDelayMs?: number;
  /** The pool cannot work (the server's socket port refuses us): called once. */
  onFatal(error: TunnelError): void;
}

/**
 * The data path of the localtunnel protocol: `size` TCP sockets held open to the server, each one
 * carrying raw HTTP from the public side. On a socket's first bytes we connect to the target and
 * pipe both ways, untouched: the `localtunnel` npm client rewrites the Host header by decoding its
 * first chunk as UTF-8, which corrupts any request body that is not valid UTF-8 text.
 */
export class SocketPool {
  private readonly remotes = new Set<Socket>();
  private readonly locals = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;
  private failed = false;

  constructor(private readonly options: SocketPoolOptions) {}

  start(): void {
    for (let i = 0; i < this.options.size; i += 1) this.open();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const sockets = [...this.remotes, ...this.locals];
    await Promise.all(sockets.map((socket) => destroyed(socket)));
  }

  private open(): void {
    if (this.closed || this.failed) return;
    const { remote: address, target } = this.options;
    const remote = connect({ host: address.host, port: address.port });
    const openedAt = Date.now();
    let connected = false;
    let carried = false;
    this.remotes.add(remote);
    remote.setNoDelay(true);
    remote.once('connect', () => {
      connected = true;
      // Notices a server that vanished without closing, e.g. after a network change.
      remote.setKeepAlive(true, 30_000);
    });
    remote.on('error', (error) => {
      if (connected) return; // a reset mid-request: 'close' replaces the socket
      const where = `${address.host}:${address.port}`;
      this.fail(
        new TunnelError(
          `Cannot reach the tunnel server's socket port ${where}: ${describeNetworkError(error)}`,
        ),
      );
    });
    remote.once('data', (first: Buffer) => {
      carried = true;
      remote.pause();
      const local = connect({ host: target.host, port: target.port });
      this.locals.add(local);
      local.once('close', () => this.locals.delete(local));
      // The public listener is not there: drop this socket; the server answers 502 and our probe notices.
      local.on('error', () => remote.destroy());
      local.once('connect', () => {
        local.write(first);
        remote.pipe(local).pipe(remote);
      });
      remote.once('close', () => local.destroy());
    });
    remote.once('close', () => {
      this.remotes.delete(remote);
      if (this.closed || this.failed || !connected) return;
      const reopenDelay = this.options.reopenDelayMs ?? 1000;
      // A socket used up by a request is normal wear: replace it at once.
      const delay = !carried && Date.now() - openedAt < reopenDelay ? reopenDelay : 0;
      if (delay === 0) return this.open();
      const timer = setTimeout(() => (this.timers.delete(timer), this.open()), delay);
      this.timers.add(timer);
    });
  }

  private fail(error: TunnelError): void {
    if (this.failed || this.closed) return;
    this.failed = true;
    this.options.onFatal(error);
  }
}

function destroyed(socket: Socket): Promise<void> {
  if (socket.closed) return Promise.resolve();
  return new Promise((done) => {
    socket.once('close', () => done());
    socket.destroy();
  });
}
