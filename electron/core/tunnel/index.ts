/** The tunnel: what makes the public listener (/webhook, /media, /api/v1) reachable from outside. */
export { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
export { fixedUrlProvider } from './fixed-url-provider';
export {
  choiceFromConfig,
  createTunnelManager,
  LOCALTUNNEL_DEFAULT_HOST,
  tunnelProviderFor,
  tunnelProviderFromConfig,
  tunnelTarget,
  type ProviderDeps,
} from './from-config';
export { healthProbe, type TunnelProbe } from './health-probe';
export { localtunnelProvider, type LocaltunnelOptions } from './localtunnel/localtunnel-provider';
export { ngrokProvider, NGROK_NOT_INSTALLED, type NgrokOptions } from './ngrok/ngrok-provider';
export { loadNgrokSdk, type NgrokLoader, type NgrokSdk, type NgrokListener } from './ngrok/ngrok-sdk';
export { cloudflaredProvider, type CloudflaredOptions } from './cloudflare/cloudflared-provider';
export { CloudflaredOutput } from './cloudflare/cloudflared-output';
export { findCloudflared, CLOUDFLARED_MISSING } from './cloudflare/find-cloudflared';
export { loadTunnelChoice, saveTunnelChoice, type StoredTunnelChoice } from './tunnel-choice-store';
export { TunnelManager, type TunnelManagerOptions } from './tunnel-manager';
export { TunnelService, type TunnelServiceOptions } from './tunnel-service';
export {
  TunnelError,
  type LocalTarget,
  type OpenTunnel,
  type TunnelAdvice,
  type TunnelChoice,
  type TunnelProvider,
  type TunnelProviderName,
  type TunnelState,
  type TunnelStatus,
} from './types';
