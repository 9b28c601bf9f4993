export type TunnelState = 'off' | 'connecting' | 'up' | 'down';

/** The ways to get a public URL; `fixed` is the shop's own reverse proxy. */
export const TUNNEL_PROVIDERS = ['localtunnel', 'ngrok', 'cloudflare', 'fixed'] as const;
export type TunnelProviderName = (typeof TUNNEL_PROVIDERS)[number];

/** What to do when a provider keeps failing and no other is ready to take over. */
export interface TunnelAdvice {
  /** The provider worth setting up, or null when the fix is elsewhere (a fixed URL's proxy). */
  suggest: TunnelProviderName | null;
  /** In plain words, for the owner. */
  message: string;
}

/** What the UI shows and the core publishes as `tunnel.status`. Plain data, safe to serialize. */
export interface TunnelStatus {
  state: TunnelState;
  /** The public URL of the tunnel opened last (kept while down, so the user sees what broke). */
  url: string | null;
  /** `url + '/webhook'`: the callback URL Meta's webhooks go to. */
  webhookUrl: string | null;
  /** Why the tunnel is down, in words for the user; null once it is up again. */
  lastError: string | null;
  /** True when `url` differs from the URL last reported to the user (see markUrlReported). */
  urlChanged: boolean;
  /** When the next attempt starts, in ms from `since`; null unless a retry is scheduled. */
  retryInMs: number | null;
  /** When this state began (ISO 8601). */
  since: string;
  /** The provider running (a TunnelProviderName, or a test's own); null when the tunnel is off. */
  provider: string | null;
  /** Attempts that failed in a row; 0 once up. */
  failures: number;
  /** Set while a fallback runs: the provider the owner chose, which kept failing. */
  fallbackFrom: TunnelProviderName | null;
  /** Why the chosen provider was left, in plain words, while a fallback runs. */
  fallbackReason: string | null;
  /** Set when the provider keeps failing and nothing ready can take over. */
  advice: TunnelAdvice | null;
}

/** The tunnel as chosen: in Settings (kept in the database) or else config.toml's [tunnel]. */
export interface TunnelChoice {
  enabled: boolean;
  provider: TunnelProviderName;
  localtunnelHost: string;
  /** Empty for whatever name the server gives. */
  localtunnelSubdomain: string;
  /** The shop's own public https URL (provider `fixed`). */
  fixedUrl: string;
  /** ngrok's free static domain, e.g. `myshop.ngrok-free.app`; empty for a random URL each start. */
  ngrokDomain: string;
  /** Where cloudflared is; empty looks for it on PATH. */
  cloudflaredPath: string;
}

/** The tunnel part of Settings. Never carries the ngrok authtoken itself. */
export interface TunnelSettingsDto {
  choice: TunnelChoice;
  /** `app` once the owner saved a choice in Settings; `config` while config.toml's [tunnel] applies. */
  source: 'config' | 'app';
  updatedAt: string | null;
  ngrok: {
    authtokenSet: boolean;
    /** Why the authtoken cannot be saved here (no keychain…), or null when it can. */
    authtokenCannotBeSaved: string | null;
    /** The optional @ngrok/ngrok module loads in this installation. */
    sdkInstalled: boolean;
  };
  cloudflared: {
    /** The program that would run, or null. */
    path: string | null;
    /** Why it cannot be used, in plain words; null when found. */
    problem: string | null;
  };
  status: TunnelStatus;
}
