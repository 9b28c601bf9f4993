export type TunnelState = 'off' | 'connecting' | 'up' | 'down';

/** What the UI shows and the core publishes as `tunnel.status`. Plain data, safe to serialize. */
export interface TunnelStatus {
  state: TunnelState;
  /** The public URL of the tunnel opened last (kept while down, so the user sees what broke). */
  url: string | null;
  /** `url + '/webhook'`: what goes into Meta's app dashboard as the callback URL. */
  webhookUrl: string | null;
  /** Why the tunnel is down, in words for the user; null once it is up again. */
  lastError: string | null;
  /** True when `url` differs from the URL last reported to the user (see markUrlReported). */
  urlChanged: boolean;
  /** When the next attempt starts, in ms from `since`; null unless a retry is scheduled. */
  retryInMs: number | null;
  /** When this state began (ISO 8601). */
  since: string;
}
