import { AppError } from '@shared/errors';
import type { CallbackDto } from '@shared/types/connectivity';
import type { Actor } from '../auth/actor';
import type { CoreContext } from '../core-context';
import type { WebhookCallbackRow } from '../db/entities/connectivity';
import type { SecretStore } from '../secrets/secret-store';
import { backoffDelay, type BackoffOptions } from '../tunnel/backoff';
import { safeUrl } from '../tunnel/describe';
import type { WhatsAppClient } from '../whatsapp/client';
import { readCallbackRow, saveAutomatic, updateCallbackRow } from './callback-store';
import { explainCallbackFailure } from './explain-callback-failure';
import { ensureVerifyToken } from './verify-token';

export interface CallbackRegistrarOptions {
  client: WhatsAppClient;
  wabaId: string;
  secrets: SecretStore;
  /** Meta has `publicUrl + '/webhook'` in force: nobody needs to paste it anywhere. */
  onVerified?: (publicUrl: string) => void;
  /** Between failed attempts; Meta may be down, or the tunnel's name still spreading. */
  retry?: Partial<BackoffOptions>;
  random?: () => number;
}

const DEFAULT_RETRY: BackoffOptions = { initialMs: 15_000, maxMs: 15 * 60_000, factor: 2 };

/**
 * Points the business account's webhooks at this computer: whenever the public URL is known or
 * changes, `POST /{waba-id}/subscribed_apps` with `override_callback_uri = <public url>/webhook` and
 * the verify token (Meta first sends its verification GET through the tunnel), then
 * `GET /{waba-id}/subscribed_apps` to see the override in force. Failures are kept in plain words and
 * retried with a growing delay; a newer URL always wins over an older one.
 */
export class CallbackRegistrar {
  private publicUrl: string | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private nextAttemptAt: Date | null = null;
  private failures = 0;
  private stopped = false;
  /** The URL seen in force at Meta during this run. */
  private confirmed: string | null = null;
  private readonly retry: BackoffOptions;

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: CallbackRegistrarOptions,
  ) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  /** The tunnel is up at `url`, or there is no public URL just now (null: attempts wait for one). */
  publicUrlIs(url: string | null): void {
    if (url === this.publicUrl) return;
    this.publicUrl = url;
    this.cancelRetry();
    if (url) {
      this.failures = 0;
      this.kick();
    }
  }

  /** The owner pressed "Register now". Resolves once the attempt is over. */
  async registerNow(): Promise<CallbackDto> {
    const row = await readCallbackRow(this.ctx.db, this.ctx.clock.now());
    if (!row.automatic) throw new AppError('CONFLICT', 'Automatic registration is off: turn it on first');
    if (!this.publicUrl) {
      throw new AppError('CONFLICT', 'There is no public URL yet: turn on a tunnel, or wait until it is up');
    }
    this.cancelRetry();
    this.failures = 0;
    this.kick(true);
    await this.running;
    return this.status();
  }

  /** The owner's switch; off also hands the webhooks back to the app dashboard's callback URL. */
  async setAutomatic(actor: Actor, automatic: boolean): Promise<CallbackDto> {
    const now = this.ctx.clock.now();
    const before = await readCallbackRow(this.ctx.db, now);
    await this.ctx.tx.run((m) => saveAutomatic(m, this.ctx.audit, actor, automatic, now));
    this.changed();
    if (automatic) {
      this.failures = 0;
      this.kick(true);
    } else {
      this.cancelRetry();
      await this.running;
      if (before.registeredUrl) await this.handBack();
    }
    return this.status();
  }

  async status(): Promise<CallbackDto> {
    return toDto(await readCallbackRow(this.ctx.db, this.ctx.clock.now()), this.nextAttemptAt, true);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelRetry();
    await this.running;
  }

  /** Starts an attempt, or asks the running one to go round again for the newest URL. */
  private kick(force = false): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop(force).finally(() => {
      this.running = null;
    });
  }

  private async loop(force: boolean): Promise<void> {
    do {
      this.again = false;
      try {
        await this.step(force);
      } catch (error) {
        this.ctx.logger.error('registering the webhook URL with Meta failed unexpectedly', error);
      }
      force = false;
    } while (this.again && !this.stopped);
  }

  private async step(force: boolean): Promise<void> {
    const url = this.publicUrl;
    if (!url || this.stopped) return;
    const row = await readCallbackRow(this.ctx.db, this.ctx.clock.now());
    if (!row.automatic) return;
    const target = `${url}/webhook`;
    // Seen in force at Meta during this run: nothing to do. A URL verified in an earlier run is
    // checked once (a GET; no new registration when Meta still has it).
    if (!force && row.state === 'verified' && row.registeredUrl === target && this.confirmed === target) {
      this.options.onVerified?.(url);
      return;
    }
    await this.attempt(url, target);
  }

  private async attempt(url: string, target: string): Promise<void> {
    const { client, wabaId } = this.options;
    await this.save({ state: 'registering', targetUrl: target, lastAttemptAt: this.ctx.clock.now() });
    // Only now: whoever reads "failed" until this attempt shows must also see when it comes.
    this.nextAttemptAt = null;
    try {
      const token = await ensureVerifyToken(this.options.secrets, this.ctx.logger);
      const inForce = async () =>
        (await client.subscribedApps.list(wabaId)).some((app) => app.overrideCallbackUri === target);
      if (!(await inForce())) {
        await client.subscribedApps.overrideCallback(wabaId, target, token);
        if (!(await inForce())) {
          throw new Error(
            'Meta accepted the webhook URL but does not list it as in force; Wapidesk tries again by itself.',
          );
        }
      }
      const now = this.ctx.clock.now();
      await this.save({
        state: 'verified',
        registeredUrl: target,
        registeredAt: now,
        verifiedAt: now,
        lastError: null,
      });
      this.failures = 0;
      this.confirmed = target;
      this.ctx.logger.info(`Meta now sends this account's webhooks to ${safeUrl(target)}`);
      this.options.onVerified?.(url);
    } catch (error) {
      const message =
        error instanceof Error && !('failure' in error)
          ? error.message
          : explainCallbackFailure(error, { url: target, wabaId });
      // The retry first, so whoever reads the failure also sees when the next attempt comes.
      this.scheduleRetry(url);
      await this.save({ state: 'failed', lastError: message });
      this.ctx.logger.warn(`registering the webhook URL ${safeUrl(target)} failed: ${message}`);
    }
  }

  private scheduleRetry(url: string): void {
    if (this.stopped || this.publicUrl !== url || this.again) return;
    const delay = backoffDelay(this.failures, this.retry, this.options.random ?? Math.random);
    this.failures += 1;
    this.nextAttemptAt = new Date(this.ctx.clock.now().getTime() + delay);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.publicUrl === url) this.kick(true);
    }, delay);
    this.retryTimer.unref();
  }

  private cancelRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.nextAttemptAt = null;
  }

  /** Automatic registration was turned off: Meta goes back to the app dashboard's callback URL. */
  private async handBack(): Promise<void> {
    try {
      await this.options.client.subscribedApps.useAppCallback(this.options.wabaId);
      await this.save({ registeredUrl: null, registeredAt: null, verifiedAt: null, lastError: null });
    } catch (error) {
      const why = explainCallbackFailure(error, { url: '', wabaId: this.options.wabaId });
      await this.save({
        lastError: `Could not hand the webhooks back to the callback URL of Meta's app dashboard: ${why}`,
      });
    }
  }

  private async save(patch: Partial<WebhookCallbackRow>): Promise<void> {
    await this.ctx.tx.run((m) => updateCallbackRow(m, patch, this.ctx.clock.now()));
    this.changed();
  }

  private changed(): void {
    this.ctx.events.publish('connectivity.changed', { reason: 'callback' });
  }
}

export function toDto(row: WebhookCallbackRow, nextAttemptAt: Date | null, applies: boolean): CallbackDto {
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  return {
    applies,
    automatic: row.automatic,
    state: row.state,
    targetUrl: row.targetUrl,
    registeredUrl: row.registeredUrl,
    registeredAt: iso(row.registeredAt),
    verifiedAt: iso(row.verifiedAt),
    lastAttemptAt: iso(row.lastAttemptAt),
    lastError: row.lastError,
    nextAttemptAt: iso(nextAttemptAt),
  };
}
