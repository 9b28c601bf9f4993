import type { AppConfig } from '../config/schema';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import { cloudflaredProvider } from './cloudflare/cloudflared-provider';
import { fixedUrlProvider } from './fixed-url-provider';
import { healthProbe } from './health-probe';
import { localtunnelProvider } from './localtunnel/localtunnel-provider';
import { ngrokProvider } from './ngrok/ngrok-provider';
import type { NgrokLoader } from './ngrok/ngrok-sdk';
import { TunnelManager } from './tunnel-manager';
import { TunnelError, type LocalTarget, type TunnelChoice, type TunnelProvider } from './types';

/** The schema's default `[tunnel] host`; as a "fixed" URL it would point webhooks at a stranger. */
export const LOCALTUNNEL_DEFAULT_HOST = 'https://localtunnel.me';

/** What providers need beyond the choice: the ngrok authtoken, and test doubles at their boundary. */
export interface ProviderDeps {
  /** From the secret store; never config.toml. */
  ngrokAuthtoken?: () => Promise<string | null>;
  loadNgrok?: NgrokLoader;
  /** PATH for finding cloudflared, and the environment it runs in. */
  env?: NodeJS.ProcessEnv;
}

/** config.toml's [tunnel] as a choice. `host` is the localtunnel server, or the URL when "fixed". */
export function choiceFromConfig(tunnel: AppConfig['tunnel']): TunnelChoice {
  const fixed = tunnel.provider === 'fixed';
  return {
    enabled: tunnel.enabled,
    provider: tunnel.provider,
    localtunnelHost: fixed ? LOCALTUNNEL_DEFAULT_HOST : tunnel.host,
    localtunnelSubdomain: tunnel.subdomain,
    fixedUrl: fixed ? tunnel.host : '',
    ngrokDomain: tunnel.ngrok_domain,
    cloudflaredPath: tunnel.cloudflared_path,
  };
}

/** The provider a choice asks for, or null when the tunnel is off. Throws on a fixed URL left unset. */
export function tunnelProviderFor(choice: TunnelChoice, deps: ProviderDeps = {}): TunnelProvider | null {
  if (!choice.enabled) return null;
  switch (choice.provider) {
    case 'fixed':
      if (!choice.fixedUrl || sameUrl(choice.fixedUrl, LOCALTUNNEL_DEFAULT_HOST)) {
        throw new TunnelError(
          '[tunnel] provider = "fixed" needs host = the public https URL of your reverse proxy',
        );
      }
      return fixedUrlProvider(choice.fixedUrl);
    case 'ngrok':
      return ngrokProvider({
        authtoken: deps.ngrokAuthtoken ?? (async () => null),
        domain: choice.ngrokDomain,
        load: deps.loadNgrok,
      });
    case 'cloudflare':
      return cloudflaredProvider({ command: choice.cloudflaredPath, env: deps.env });
    case 'localtunnel':
      return localtunnelProvider({ host: choice.localtunnelHost, subdomain: choice.localtunnelSubdomain });
  }
}

/** The provider `[tunnel]` asks for, or null when the tunnel is off. Throws on a fixed URL left unset. */
export function tunnelProviderFromConfig(
  tunnel: AppConfig['tunnel'],
  deps: ProviderDeps = {},
): TunnelProvider | null {
  return tunnelProviderFor(choiceFromConfig(tunnel), deps);
}

function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return false;
  }
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
  deps?: ProviderDeps;
}): TunnelManager | null {
  const provider = tunnelProviderFromConfig(options.config.tunnel, options.deps);
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
