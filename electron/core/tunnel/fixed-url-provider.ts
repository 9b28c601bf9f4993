import { safeUrl } from './describe';
import { TunnelError, type OpenTunnel, type TunnelProvider } from './types';

/**
 * For a shop that runs its own reverse proxy (nginx, Caddy, a cloud load balancer) with a fixed public
 * URL pointing at the public listener. There is nothing to open; the manager's probe is what tells
 * whether the proxy really reaches us.
 */
export function fixedUrlProvider(url: string): TunnelProvider {
  const base = normalize(url);
  return {
    name: 'fixed',
    async open(): Promise<OpenTunnel> {
      return {
        url: base,
        onClose() {
          // A fixed URL has no connection of ours that could close; failed probes report trouble.
        },
        close: async () => {},
      };
    },
  };
}

function normalize(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TunnelError('The fixed tunnel URL is not a URL; set [tunnel] host to your public https URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new TunnelError(`The fixed tunnel URL ${safeUrl(url)} must start with https://`);
  }
  if (parsed.username || parsed.password) {
    // Meta cannot send credentials in a callback URL, and the URL is shown and logged.
    throw new TunnelError(`The fixed tunnel URL ${safeUrl(url)} must not contain a user name or password`);
  }
  if (parsed.search || parsed.hash) {
    throw new TunnelError(`The fixed tunnel URL ${safeUrl(url)} must not have a query or fragment`);
  }
  return parsed.href.replace(/\/+$/, '');
}
