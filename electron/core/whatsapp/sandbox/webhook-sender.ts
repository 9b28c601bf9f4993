import type { Logger } from '../../util/logger';
import { signWebhookBody } from '../webhooks/signature';
import type { SandboxConfig } from './config';
import { chance } from './random';
import type { Scheduler } from './scheduler';
import type { JsonObject } from './webhook-payloads';

export interface DeliveryAttempt {
  at: number;
  /** HTTP status of the callback's answer, or null when there was none. */
  status: number | null;
  error: string | null;
}

/** One webhook as the sandbox sent it, for GET /_sandbox/webhooks. */
export interface WebhookDelivery {
  id: number;
  /** What it carries, e.g. `status:delivered wamid.…` or `message:text`. */
  label: string;
  state: 'pending' | 'delivered' | 'failed' | 'no_callback';
  attempts: DeliveryAttempt[];
  /** Set on the extra copy made by the duplicate-webhook fault. */
  duplicateOf: number | null;
  body: string;
}

/** Old entries go; a benchmark sending a million messages must not keep a million bodies. */
const LOG_LIMIT = 5_000;

/**
 * Posts signed webhooks to the callback like Meta: `X-Hub-Signature-256` over the exact bytes sent,
 * retried immediately and then with growing delays while the callback does not answer 200, up to a
 * bounded number of attempts. Each attempt goes where webhooks go at that moment.
 */
export class WebhookSender {
  private readonly log: WebhookDelivery[] = [];
  private nextId = 1;

  constructor(
    private readonly config: () => SandboxConfig,
    /** Read at every attempt, so a retry goes to the URL registered since the first try. */
    private readonly destination: () => string | null,
    private readonly scheduler: Scheduler,
    private readonly random: () => number,
    private readonly logger: Logger,
  ) {}

  /** Queues a webhook after `delayMs`; the duplicate fault may send it twice. */
  send(payload: JsonObject, label: string, delayMs = 0): void {
    const body = JSON.stringify(payload);
    const delivery = this.record(label, body, null);
    this.scheduler.after(delayMs, () => this.attempt(delivery));
    if (chance(this.random, this.config().faults.duplicateWebhook)) {
      const copy = this.record(label, body, delivery.id);
      this.scheduler.after(delayMs + 1, () => this.attempt(copy));
    }
  }

  deliveries(): readonly WebhookDelivery[] {
    return this.log;
  }

  clear(): void {
    this.log.length = 0;
  }

  private record(label: string, body: string, duplicateOf: number | null): WebhookDelivery {
    const delivery: WebhookDelivery = {
      id: this.nextId++,
      label,
      state: 'pending',
      attempts: [],
      duplicateOf,
      body,
    };
    this.log.push(delivery);
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
    return delivery;
  }

  private async attempt(delivery: WebhookDelivery): Promise<void> {
    const { appSecret, webhookRetry } = this.config();
    const callbackUrl = this.destination();
    if (!callbackUrl) {
      delivery.state = 'no_callback';
      return;
    }
    const outcome = await this.post(callbackUrl, delivery.body, appSecret, webhookRetry.timeoutMs);
    delivery.attempts.push({ at: Date.now(), ...outcome });
    if (outcome.status === 200) {
      delivery.state = 'delivered';
      return;
    }
    if (delivery.attempts.length >= webhookRetry.maxAttempts) {
      delivery.state = 'failed';
      this.logger.warn(`Webhook ${delivery.label} dropped after ${delivery.attempts.length} attempts`);
      return;
    }
    // Meta retries once at once, then backs off (reference §6).
    const retry = delivery.attempts.length;
    const delay = retry === 1 ? 0 : webhookRetry.initialDelayMs * webhookRetry.backoffFactor ** (retry - 2);
    this.scheduler.after(delay, () => this.attempt(delivery));
  }

  private async post(
    url: string,
    body: string,
    appSecret: string,
    timeoutMs: number,
  ): Promise<{ status: number | null; error: string | null }> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'facebookexternalua',
          'x-hub-signature-256': signWebhookBody(body, appSecret),
        },
        body,
        signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), this.scheduler.signal]),
      });
      // Drain the answer so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
      return { status: response.status, error: null };
    } catch (error) {
      return { status: null, error: error instanceof Error ? error.message : String(error) };
    }
  }
}
