import { TunnelError, type LocalTarget, type OpenTunnel, type TunnelProvider } from '../types';
import { explainNgrokError } from './explain-ngrok-error';
import { loadNgrokSdk, type NgrokLoader, type NgrokSdk } from './ngrok-sdk';

export interface NgrokOptions {
  /** Read at each opening, from the secret store: never config.toml, never a log. */
  authtoken: () => Promise<string | null>;
  /** The shop's free static domain, so the URL never changes; empty for a random one. */
  domain: string;
  /** Tests pass a local fake of the SDK here. */
  load?: NgrokLoader;
  /** How long the session may stay disconnected before the tunnel counts as closed. */
  reconnectGraceMs?: number;
}

export const NGROK_NOT_INSTALLED =
  'The ngrok module (@ngrok/ngrok) is not installed with this copy of Wapidesk: choose another tunnel, or reinstall Wapidesk with its optional parts';

const NO_AUTHTOKEN =
  'ngrok needs your authtoken: sign up free at ngrok.com, copy the authtoken from its dashboard and save it in Settings';

/**
 * A public URL from ngrok through its official SDK, with the shop's own account: the authtoken from
 * the secret store and, when given, the free static domain, so the URL Meta knows never changes.
 */
export function ngrokProvider(options: NgrokOptions): TunnelProvider {
  const load = options.load ?? loadNgrokSdk;
  return {
    name: 'ngrok',
    async open(target: LocalTarget, signal?: AbortSignal): Promise<OpenTunnel> {
      const authtoken = (await options.authtoken())?.trim();
      if (!authtoken) throw new TunnelError(NO_AUTHTOKEN);
      let sdk: NgrokSdk;
      try {
        sdk = await load();
      } catch {
        throw new TunnelError(NGROK_NOT_INSTALLED);
      }
      const closeListeners: ((error: Error) => void)[] = [];
      let disconnectedTimer: NodeJS.Timeout | null = null;
      const onStatusChange = (status: string) => {
        if (status === 'connected') {
          if (disconnectedTimer) clearTimeout(disconnectedTimer);
          disconnectedTimer = null;
          return;
        }
        if (status !== 'closed' || disconnectedTimer) return;
        // The SDK reconnects by itself; only a session gone for good closes the tunnel.
        disconnectedTimer = setTimeout(() => {
          const error = new TunnelError("The tunnel lost ngrok's servers and did not get them back");
          for (const listener of closeListeners.splice(0)) listener(error);
        }, options.reconnectGraceMs ?? 30_000);
        disconnectedTimer.unref();
      };

      const host = target.host.includes(':') ? `[${target.host}]` : target.host;
      const context = { authtoken, domain: options.domain };
      let listener;
      try {
        listener = await sdk.forward({
          addr: `${host}:${target.port}`,
          authtoken,
          ...(options.domain ? { domain: options.domain } : {}),
          onStatusChange,
        });
      } catch (error) {
        throw new TunnelError(explainNgrokError(error, context));
      }
      const close = async () => {
        closeListeners.length = 0;
        if (disconnectedTimer) clearTimeout(disconnectedTimer);
        await listener.close().catch(() => undefined);
        // `forward` opened a session of its own; the free plan allows one, so end it too.
        await sdk.kill?.().catch(() => undefined);
      };
      const url = listener.url()?.replace(/\/+$/, '');
      if (!url || signal?.aborted) {
        await close();
        throw new TunnelError(signal?.aborted ? 'Stopped' : 'ngrok opened a tunnel without a URL');
      }
      return {
        url,
        onClose(listener) {
          closeListeners.push(listener);
        },
        close,
      };
    },
  };
}
