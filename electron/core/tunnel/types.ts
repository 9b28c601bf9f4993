/**
 * Where a tunnel delivers: the app's public listener (`[server] host:port`). Never the UI bridge,
 * which must stay unreachable from outside (DESIGN.md, invariant 7).
 */
export interface LocalTarget {
  host: string;
  port: number;
}

/** A tunnel that is open now. */
export interface OpenTunnel {
  /** The public base URL, without a trailing slash, e.g. `https://myshop.loca.lt`. */
  readonly url: string;
  /** Called once if the tunnel dies by itself (not after close()); `error` says why. */
  onClose(listener: (error: Error) => void): void;
  close(): Promise<void>;
}

/** One way to get a public URL for the local target. */
export interface TunnelProvider {
  /** A short name for logs and status, e.g. `localtunnel` or `fixed`. */
  readonly name: string;
  /**
   * How long a new URL may take to answer before the tunnel counts as down: a Cloudflare quick
   * tunnel's name needs a few seconds to resolve everywhere. 0 (the default) trusts the first probe.
   */
  readonly firstProbeGraceMs?: number;
  /** Opens a tunnel; rejects with a TunnelError whose message a user can act on. */
  open(target: LocalTarget, signal?: AbortSignal): Promise<OpenTunnel>;
}

export type {
  TunnelAdvice,
  TunnelChoice,
  TunnelProviderName,
  TunnelState,
  TunnelStatus,
} from '@shared/types/tunnel';

/** A failure with a message meant for the user: no stack, no secrets. */
export class TunnelError extends Error {
  override readonly name = 'TunnelError';
}
