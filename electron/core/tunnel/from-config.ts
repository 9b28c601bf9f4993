import type { AppConfig } from '../config/schema';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import { fixedUrlProvider } from './fixed-url-provider';
import { healthProbe } from './health-probe';
import { localtunnelProvider } from './localtunnel/localtunnel-provider';
import { TunnelManager } from './tunnel-manager';
import { TunnelError, type LocalTarget, type TunnelProvider } from './types';

/** The schema's default `[tunnel] host`; as a "fixed" URL it would point webhooks at a stranger. */
const LOCALTUNNEL_DEFAULT_HOST = 'https://localtunnel.me';

/** The provider `[tunnel]` asks for, or null when the tunnel is off. Throws on a fixed URL left unset. */
export function tunnelProviderFromConfig(tunnel: AppConfig['tunnel']): TunnelProvider | null {
  if (!tunnel.enabled) return null;
  if (tunnel.provider === 'fixed') {
    if (new URL(tunnel.host).href === new URL(LOCALTUNNEL_DEFAULT_HOST).href) {
      throw new TunnelError(
        '[tunnel] provider = "fixed" needs host = the public https URL of your reverse proxy',
      );
    }
    return fixedUrlProvider(tunnel.host);
  }
  return localtunnelProvider({ host: tunnel.host, subdomain: tunnel.subdomain });
}

/**
 * Where the tunnel connects for the public listener. A wildcard bind is reached on loopback, so the
 * tunnel's traffic never leaves the machine on its way in.
 */
export function tunnelTarget(publicListener: { host: string; port: number }): LocalTarget {
  const host = publicListener.host.replace(/^\[|\]$/g, '');
  if (host === '' || host === '0.0.0.0') return { host: '127.0.0.1', port: publicListener.port };
  if (host === '::') return { host: '::1', port: publicListener.port };
  return { host, port: publicListener.port };
}

/** A manager for `[tunnel]`, pointed at the public listener; null when the tunnel is off. Not started. */
export function createTunnelManager(options: {
  config: AppConfig;
  publicListener: { host: string; port: number };
  /** The public listener's `/health` answers it, so the probe knows it reached this very run. */
  instanceId?: string;
  lastReportedUrl?: string | null;
  logger?: Logger;
  clock?: Clock;
}): TunnelManager | null {
  const provider = tunnelProviderFromConfig(options.config.tunnel);
  if (!provider) return null;
  return new TunnelManager({
    provider,
    target: tunnelTarget(options.publicListener),
    lastReportedUrl: options.lastReportedUrl,
    probe: healthProbe({ instance: options.instanceId }),
    logger: options.logger,
    clock: options.clock,
  });
}
