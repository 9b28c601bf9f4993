import { describeNetworkError, safeUrl } from './describe';
import { TunnelError } from './types';

/** Checks that `url` reaches our own public listener; throws a TunnelError saying why not. */
export type TunnelProbe = (url: string, signal: AbortSignal) => Promise<void>;

/**
 * `GET <url>/health` must answer 200 with the public listener's `{ status: 'ok', instance }`.
 * Checking this run's instance id too catches a URL that reaches some other server, e.g. a reverse proxy
 * still pointing at an old machine.
 */
export function healthProbe(options: { instance?: string; timeoutMs?: number } = {}): TunnelProbe {
  return async (url, signal) => {
    const target = `${safeUrl(url)}/health`;
    let response: Response;
    try {
      response = await fetch(`${url}/health`, {
        signal: AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs ?? 15_000)]),
        // localtunnel.me shows browsers a reminder page instead of the site unless told not to.
        headers: { accept: 'application/json', 'bypass-tunnel-reminder': 'wapidesk' },
      });
    } catch (error) {
      throw new TunnelError(
        `The tunnel does not reach Wapidesk: GET ${target} failed: ${describeNetworkError(error)}`,
      );
    }
    const body: unknown = await response.json().catch(() => null);
    if (response.status !== 200) {
      throw new TunnelError(
        `The tunnel does not reach Wapidesk: GET ${target} answered HTTP ${response.status}`,
      );
    }
    const health = body as { status?: unknown; instance?: unknown } | null;
    const ours =
      health?.status === 'ok' && (options.instance === undefined || health.instance === options.instance);
    if (!ours) {
      throw new TunnelError(`The tunnel reaches something other than this Wapidesk: GET ${target}`);
    }
  };
}
