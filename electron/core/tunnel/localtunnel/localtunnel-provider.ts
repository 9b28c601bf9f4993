import type { LocalTarget, OpenTunnel, TunnelError, TunnelProvider } from '../types';
import { requestTunnel } from './handshake';
import { SocketPool } from './socket-pool';

export interface LocaltunnelOptions {
  /** The localtunnel server, e.g. `https://localtunnel.me` or a self-hosted one. */
  host: string;
  /** The name to ask for; empty for a random one. The server may hand out another if it is taken. */
  subdomain?: string;
  /** How long the server has to answer the request for a tunnel. */
  requestTimeoutMs?: number;
  /** See SocketPoolOptions.reopenDelayMs. */
  reopenDelayMs?: number;
}

/**
 * A public URL from a localtunnel server (https://github.com/localtunnel/server). It speaks the
 * same protocol as the `localtunnel` npm client, written here because that client retries an
 * unreachable server forever in silence and corrupts request bodies that are not UTF-8.
 */
export function localtunnelProvider(options: LocaltunnelOptions): TunnelProvider {
  return {
    name: 'localtunnel',
    async open(target: LocalTarget, signal?: AbortSignal): Promise<OpenTunnel> {
      const assignment = await requestTunnel({
        host: options.host,
        subdomain: options.subdomain ?? '',
        timeoutMs: options.requestTimeoutMs ?? 10_000,
        signal,
      });
      const listeners: ((error: Error) => void)[] = [];
      let fatal: TunnelError | null = null;
      const pool = new SocketPool({
        remote: { host: assignment.remoteHost, port: assignment.remotePort },
        target,
        size: assignment.maxConn,
        reopenDelayMs: options.reopenDelayMs,
        onFatal: (error) => {
          fatal = error;
          for (const listener of listeners.splice(0)) listener(error);
        },
      });
      pool.start();
      return {
        url: assignment.url,
        onClose(listener) {
          // A pool that failed before anyone listened still tells the late listener.
          if (fatal) listener(fatal);
          else listeners.push(listener);
        },
        close: async () => {
          listeners.length = 0;
          await pool.close();
        },
      };
    },
  };
}
