import { systemClock, type Clock } from '../util/clock';
import { silentLogger, type Logger } from '../util/logger';
import { findCloudflared } from './cloudflare/find-cloudflared';
import { tunnelProviderFor, type ProviderDeps } from './from-config';
import { healthProbe } from './health-probe';
import { loadNgrokSdk } from './ngrok/ngrok-sdk';
import { TunnelManager, type TunnelManagerOptions } from './tunnel-manager';
import type { LocalTarget, TunnelAdvice, TunnelChoice, TunnelProviderName, TunnelStatus } from './types';

export interface TunnelServiceOptions {
  /** The public listener. */
  target: LocalTarget;
  /** The public listener's `/health` answers it, so the probe knows it reached this very run. */
  instanceId?: string;
  deps: ProviderDeps;
  /** The URL last registered with Meta or shown to the owner, kept between runs. */
  lastReportedUrl?: string | null;
  /** Failures in a row before another provider is tried, or advice given. */
  fallbackAfterFailures?: number;
  /** Timings of each manager (tests make them short). */
  manager?: Partial<Omit<TunnelManagerOptions, 'provider' | 'target' | 'clock' | 'logger'>>;
  clock?: Clock;
  logger?: Logger;
}

/** Who takes over when the chosen provider keeps failing, in order of preference. */
const FALLBACKS: Record<TunnelProviderName, TunnelProviderName[]> = {
  localtunnel: ['ngrok', 'cloudflare'],
  ngrok: ['cloudflare', 'localtunnel'],
  cloudflare: ['ngrok', 'localtunnel'],
  // The shop's own proxy: another URL would not be what the shop chose; advise instead.
  fixed: [],
};

const LABEL: Record<TunnelProviderName, string> = {
  localtunnel: 'localtunnel',
  ngrok: 'ngrok',
  cloudflare: 'the Cloudflare quick tunnel',
  fixed: 'your fixed URL',
};

/**
 * The tunnel as the owner chose it (Settings, else config.toml): runs a TunnelManager for the chosen
 * provider and, when that keeps failing, one that is ready to take over (ngrok with an authtoken, a
 * cloudflared on PATH, localtunnel), or advice on what to set up. Every change goes to the status
 * listeners, with the fallback and the advice in it.
 */
export class TunnelService {
  private readonly listeners = new Set<(status: TunnelStatus) => void>();
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly threshold: number;
  private choice: TunnelChoice | null = null;
  private manager: TunnelManager | null = null;
  private unsubscribe: (() => void) | null = null;
  private fallbackFrom: TunnelProviderName | null = null;
  /** Why the chosen provider failed, kept while a fallback runs. */
  private chosenError: string | null = null;
  private advice: TunnelAdvice | null = null;
  private considering = false;
  private reportedUrl: string | null;
  private current: TunnelStatus;
  /** Switches run one after another, so a fallback never races a new choice. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: TunnelServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.threshold = options.fallbackAfterFailures ?? 3;
    this.reportedUrl = options.lastReportedUrl ?? null;
    this.current = this.offStatus();
  }

  status(): TunnelStatus {
    return { ...this.current };
  }

  /** What providers are built with (the ngrok loader, PATH), for Settings' availability checks. */
  get deps(): ProviderDeps {
    return this.options.deps;
  }

  /** The choice in force; null before the first apply. */
  currentChoice(): TunnelChoice | null {
    return this.choice ? { ...this.choice } : null;
  }

  onStatus(listener: (status: TunnelStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs `choice` from now on (the chosen provider, no fallback); off when it is disabled. */
  apply(choice: TunnelChoice): Promise<void> {
    return this.enqueue(async () => {
      this.choice = { ...choice };
      this.advice = null;
      this.chosenError = null;
      await this.run(choice.enabled ? choice.provider : null, null);
    });
  }

  /** Tries the chosen provider again at once (after a fallback, or to skip a long backoff). */
  restart(): Promise<void> {
    return this.choice ? this.apply(this.choice) : Promise.resolve();
  }

  /** The owner was shown `url`, or Meta has it: it is no longer "changed". */
  markUrlReported(url: string): void {
    this.reportedUrl = url;
    this.manager?.markUrlReported(url);
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.run(null, null));
  }

  /** Whether a provider could take over now, without the owner doing anything. */
  async isReady(provider: TunnelProviderName): Promise<boolean> {
    switch (provider) {
      case 'ngrok': {
        const token = await this.options.deps.ngrokAuthtoken?.();
        if (!token) return false;
        return (this.options.deps.loadNgrok ?? loadNgrokSdk)().then(
          () => true,
          () => false,
        );
      }
      case 'cloudflare':
        return 'path' in (await findCloudflared(this.choice?.cloudflaredPath ?? '', this.options.deps.env));
      case 'localtunnel':
        return true;
      case 'fixed':
        return false;
    }
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(task);
    this.queue = next.catch((error: unknown) => this.logger.error('switching the tunnel failed', error));
    return next;
  }

  /** Stops what runs and starts `provider` (null: off). */
  private async run(provider: TunnelProviderName | null, fallbackFrom: TunnelProviderName | null) {
    this.unsubscribe?.();
    this.unsubscribe = null;
    const old = this.manager;
    this.manager = null;
    await old?.stop();
    this.fallbackFrom = fallbackFrom;
    if (!provider || !this.choice) {
      // Off and staying off is no news.
      if (this.current.state !== 'off' || fallbackFrom !== this.current.fallbackFrom) {
        this.publish(this.offStatus());
      }
      return;
    }
    let built;
    try {
      built = tunnelProviderFor({ ...this.choice, provider, enabled: true }, this.options.deps);
    } catch (error) {
      // A choice that cannot work (a fixed URL left unset): say so; retrying would change nothing.
      const reason = error instanceof Error ? error.message : String(error);
      this.publish({ ...this.offStatus(), state: 'down', provider, lastError: reason });
      return;
    }
    if (!built) return;
    const manager = new TunnelManager({
      ...this.options.manager,
      provider: built,
      target: this.options.target,
      lastReportedUrl: this.reportedUrl,
      probe: this.options.manager?.probe ?? healthProbe({ instance: this.options.instanceId }),
      clock: this.clock,
      logger: this.logger,
    });
    this.manager = manager;
    this.unsubscribe = manager.onStatus((status) => this.fromManager(manager, status));
    manager.start();
  }

  private fromManager(manager: TunnelManager, status: TunnelStatus): void {
    if (manager !== this.manager) return;
    if (status.state === 'up' && this.fallbackFrom === null) this.advice = null;
    this.publish(status);
    const keepsFailing = status.state === 'down' && status.failures >= this.threshold;
    if (keepsFailing && !this.considering) void this.considerFallback(manager, status);
  }

  /** The chosen provider keeps failing: hand over to one that is ready, else advise. */
  private async considerFallback(manager: TunnelManager, status: TunnelStatus): Promise<void> {
    const choice = this.choice;
    if (!choice) return;
    this.considering = true;
    try {
      if (this.fallbackFrom === null) {
        this.chosenError = status.lastError;
        for (const candidate of FALLBACKS[choice.provider]) {
          if (manager !== this.manager) return;
          if (!(await this.isReady(candidate))) continue;
          this.logger.warn(
            `tunnel: ${LABEL[choice.provider]} failed ${status.failures} times in a row; using ${LABEL[candidate]} instead`,
          );
          await this.enqueue(async () => {
            if (manager === this.manager) await this.run(candidate, choice.provider);
          });
          return;
        }
      }
      if (manager !== this.manager || this.advice) return;
      this.advice = await this.adviceFor(choice, status);
      this.publish(this.current);
    } finally {
      this.considering = false;
    }
  }

  private async adviceFor(choice: TunnelChoice, status: TunnelStatus): Promise<TunnelAdvice> {
    const chosen = choice.provider;
    const why = this.chosenError ?? status.lastError ?? 'no reason given';
    const tried = this.fallbackFrom
      ? ` ${LABEL[status.provider as TunnelProviderName] ?? status.provider}, tried instead, fails too.`
      : '';
    switch (chosen) {
      case 'localtunnel':
        return {
          suggest: 'ngrok',
          message:
            `localtunnel keeps failing (its public server is often down): ${why}.${tried} ` +
            'Set up ngrok: a free ngrok account gives an authtoken and a static domain, so Meta always finds this computer.',
        };
      case 'ngrok':
        return {
          suggest: 'ngrok',
          message: `ngrok keeps failing: ${why}.${tried} Check the authtoken and the domain in ngrok's dashboard.`,
        };
      case 'cloudflare':
        return {
          suggest: 'ngrok',
          message:
            `The Cloudflare quick tunnel keeps failing: ${why}.${tried} ` +
            'Set up ngrok (a free account and a static domain) for a tunnel that does not depend on cloudflared.',
        };
      case 'fixed':
        return {
          suggest: null,
          message: `Your fixed URL does not reach Wapidesk: ${why}. Check that your reverse proxy forwards to this computer's port ${this.options.target.port}.`,
        };
    }
  }

  private offStatus(): TunnelStatus {
    return {
      state: 'off',
      url: null,
      webhookUrl: null,
      lastError: null,
      urlChanged: false,
      retryInMs: null,
      since: this.clock.now().toISOString(),
      provider: null,
      failures: 0,
      fallbackFrom: null,
      fallbackReason: null,
      advice: null,
    };
  }

  private publish(status: TunnelStatus): void {
    this.current = {
      ...status,
      fallbackFrom: this.fallbackFrom,
      fallbackReason: this.fallbackFrom ? this.chosenError : null,
      advice: this.advice,
    };
    for (const listener of this.listeners) {
      try {
        listener({ ...this.current });
      } catch (error) {
        this.logger.error('a tunnel status listener failed', error);
      }
    }
  }
}
