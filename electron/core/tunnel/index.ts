/** The tunnel: what makes the public listener (/webhook, /media, /api/v1) reachable from outside. */
export { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
export { fixedUrlProvider } from './fixed-url-provider';
export { createTunnelManager, tunnelProviderFromConfig, tunnelTarget } from './from-config';
export { healthProbe, type TunnelProbe } from './health-probe';
export { localtunnelProvider, type LocaltunnelOptions } from './localtunnel/localtunnel-provider';
export { TunnelManager, type TunnelManagerOptions } from './tunnel-manager';
export {
  TunnelError,
  type LocalTarget,
  type OpenTunnel,
  type TunnelProvider,
  type TunnelState,
  type TunnelStatus,
} from './types';
