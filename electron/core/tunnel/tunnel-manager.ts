import { systemClock, type Clock } from '../util/clock';
import { silentLogger, type Logger } from '../util/logger';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { safeUrl, scrubUrls } from './describe';
import { healthProbe, type TunnelProbe } from './health-probe';
import type { LocalTarget, OpenTunnel, TunnelProvider, TunnelState, TunnelStatus } from './types';

export interface TunnelManagerOptions {
  provider: TunnelProvider;
  /** The public listener. Never the UI bridge: the tunnel must not make it reachable. */
  target: LocalTarget;
  /** The public URL the user was last shown; the caller keeps it between runs. */
  lastReportedUrl?: string | null;
  /** Defaults to healthProbe(): `GET <url>/health` must be our public listener's answer. */
  probe?: TunnelProbe;
  /** How often an up tunnel checks itself. */
  probeIntervalMs?: number;
  /** Failed probes in a row before an up tunnel counts as down; one slow answer is not an outage. */
  failedProbesBeforeDown?: number;
  backoff?: Partial<BackoffOptions>;
  /** For the jitter; tests pass a fixed one. */
  random?: () => number;
  clock?: Clock;
  logger?: Logger;
}

/** One attempt: a tunnel being opened, then checked while it lives. Stale once `run` moves on. */
interface Run {
  abort: AbortController;
  tunnel: OpenTunnel | null;
  opening: Promise<void> | null;
  probeTimer: NodeJS.Timeout | null;
}

/**
 * Keeps the public URL alive: opens a tunnel to the public listener, proves it through the public URL,
 * rechecks it every so often, and when it closes, errs or stops answering, reports `down` and opens a
 * new one after an exponential, bounded, jittered delay. Every change goes to the status listeners.
 */
export class TunnelManager {
  private readonly listeners = new Set<(status: TunnelStatus) => void>();
  private readonly closing = new Set<Promise<void>>();
  private readonly probe: TunnelProbe;
  private readonly backoff: BackoffOptions;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private current: TunnelStatus;
  private reportedUrl: string | null;
  private run: Run | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private failures = 0;

  constructor(private readonly options: TunnelManagerOptions) {
    this.probe = options.probe ?? healthProbe();
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.reportedUrl = options.lastReportedUrl ?? null;
    this.current = this.snapshot('off', null, null, null);
  }

  /** The provider this manager keeps open. */
  get providerName(): string {
    return this.options.provider.name;
  }

  status(): TunnelStatus {
    return { ...this.current };
  }

  /** Listens to every status change; returns the unsubscribe function. */
  onStatus(listener: (status: TunnelStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The caller showed (and persisted) `url`: urlChanged is false until the URL changes again. */
  markUrlReported(url: string): void {
    this.reportedUrl = url;
    if (this.current.urlChanged && this.current.url === url)
      this.publish({ ...this.current, urlChanged: false });
  }

  start(): void {
    if (this.current.state !== 'off') return;
    this.failures = 0;
    this.connect();
  }

  /** Closes the tunnel, cancels retries and probes, and reports `off`. */
  async stop(): Promise<void> {
    const run = this.run;
    this.run = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (run) {
      run.abort.abort();
      if (run.probeTimer) clearTimeout(run.probeTimer);
      await run.opening;
      await run.tunnel?.close().catch(() => {});
    }
    await Promise.all(this.closing);
    if (this.current.state !== 'off') this.publish(this.snapshot('off', null, null, null));
  }

  private connect(): void {
    const run: Run = { abort: new AbortController(), tunnel: null, opening: null, probeTimer: null };
    this.run = run;
    this.publish(this.snapshot('connecting', this.current.url, this.current.lastError, null));
    run.opening = this.openAndVerify(run);
  }

  private async openAndVerify(run: Run): Promise<void> {
    try {
      run.tunnel = await this.options.provider.open(this.options.target, run.abort.signal);
    } catch (error) {
      return this.wentDown(run, error);
    }
    if (this.run !== run) return; // stopped meanwhile; stop() closes run.tunnel
    const tunnel = run.tunnel;
    tunnel.onClose((error) => this.wentDown(run, error));
    try {
      await this.firstProbe(run, tunnel.url);
    } catch (error) {
      return this.wentDown(run, error);
    }
    if (this.run !== run) return;
    this.failures = 0;
    this.publish(this.snapshot('up', tunnel.url, null, null));
    this.logger.info(`tunnel up: ${safeUrl(tunnel.url)} (${this.options.provider.name})`);
    this.scheduleProbe(run, 0);
  }

  /** Probes a new URL, again and again for up to the provider's grace while its name spreads. */
  private async firstProbe(run: Run, url: string): Promise<void> {
    const grace = this.options.provider.firstProbeGraceMs ?? 0;
    const deadline = Date.now() + grace;
    for (;;) {
      try {
        return await this.probe(url, run.abort.signal);
      } catch (error) {
        if (this.run !== run || Date.now() >= deadline) throw error;
        await new Promise((done) => setTimeout(done, Math.min(1_000, Math.max(50, grace / 10))));
        if (this.run !== run) throw error;
      }
    }
  }

  private scheduleProbe(run: Run, failedInARow: number): void {
    run.probeTimer = setTimeout(async () => {
      run.probeTimer = null;
      const tunnel = run.tunnel;
      if (this.run !== run || !tunnel) return;
      try {
        await this.probe(tunnel.url, run.abort.signal);
        if (this.run === run) this.scheduleProbe(run, 0);
      } catch (error) {
        if (this.run !== run) return;
        if (failedInARow + 1 >= (this.options.failedProbesBeforeDown ?? 2)) this.wentDown(run, error);
        else this.scheduleProbe(run, failedInARow + 1);
      }
    }, this.options.probeIntervalMs ?? 60_000);
    run.probeTimer.unref();
  }

  private wentDown(run: Run, error: unknown): void {
    if (this.run !== run) return;
    this.run = null;
    run.abort.abort();
    if (run.probeTimer) clearTimeout(run.probeTimer);
    if (run.tunnel) this.closeLater(run.tunnel);
    // TunnelErrors are written for the user; anything else is scrubbed of URLs before it is shown.
    const reason = scrubUrls(error instanceof Error ? error.message : String(error));
    const delay = backoffDelay(this.failures, this.backoff, this.options.random ?? Math.random);
    this.failures += 1;
    this.publish(this.snapshot('down', run.tunnel?.url ?? this.current.url, reason, delay));
    this.logger.warn(`tunnel down: ${reason}; trying again in ${Math.ceil(delay / 1000)} s`);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
    this.retryTimer.unref();
  }

  private closeLater(tunnel: OpenTunnel): void {
    const closing = tunnel
      .close()
      .catch((error: unknown) => this.logger.warn(`closing the old tunnel failed: ${String(error)}`))
      .finally(() => this.closing.delete(closing));
    this.closing.add(closing);
  }

  private snapshot(
    state: TunnelState,
    url: string | null,
    lastError: string | null,
    retryInMs: number | null,
  ): TunnelStatus {
    return {
      state,
      url,
      webhookUrl: url === null ? null : `${url}/webhook`,
      lastError,
      urlChanged: url !== null && url !== this.reportedUrl,
      retryInMs,
      since: this.clock.now().toISOString(),
      provider: state === 'off' ? null : this.options.provider.name,
      failures: state === 'up' ? 0 : this.failures,
      // The manager runs one provider; the tunnel service fills these in when it falls back.
      fallbackFrom: null,
      fallbackReason: null,
      advice: null,
    };
  }

  private publish(status: TunnelStatus): void {
    this.current = status;
    for (const listener of this.listeners) {
      try {
        listener({ ...status });
      } catch (error) {
        // A broken listener must not stop the tunnel from recovering.
        this.logger.error('a tunnel status listener failed', error);
      }
    }
  }
}
