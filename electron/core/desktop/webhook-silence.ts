/**
 * "Webhooks stopped arriving", defined: WhatsApp accepted a message (a campaign's sent count rose)
 * and no webhook delivery at all has been stored since, for `thresholdMs`. Every accepted message
 * earns a `sent` or `delivered` status webhook within seconds, so half an hour of nothing while
 * sending means the tunnel, the callback URL or Meta's subscription is broken, and figures and
 * replies are going missing. Said once per silence; a webhook arriving ends it.
 *
 * No sends, no verdict: a quiet shop with no campaign running is not a broken one.
 */
export const WEBHOOK_SILENCE_MS = 30 * 60_000;

/**
 * Sends are reported by the runner's progress (about once a second), so a webhook for a message
 * can be stored before its acceptance is reported. A webhook this close before the first report
 * still answers it.
 */
export const REPORT_LAG_MS = 60_000;

export class WebhookSilenceWatch {
  private lastWebhookAt = Number.NEGATIVE_INFINITY;
  /** The first acceptance after the last webhook: the oldest message still owed a status. */
  private waitingSince: number | null = null;
  private told = false;

  constructor(private readonly thresholdMs = WEBHOOK_SILENCE_MS) {}

  /** WhatsApp accepted messages at `at`. */
  sendsAccepted(at: number): void {
    if (this.waitingSince === null && at - this.lastWebhookAt > REPORT_LAG_MS) this.waitingSince = at;
  }

  /** The newest webhook delivery stored was received at `at`. */
  webhookReceived(at: number): void {
    if (at <= this.lastWebhookAt) return;
    this.lastWebhookAt = at;
    if (this.waitingSince !== null && at >= this.waitingSince - REPORT_LAG_MS) {
      this.waitingSince = null;
      this.told = false;
    }
  }

  /** Minutes of silence to report now, once per silence; null when there is nothing to say. */
  check(now: number): { minutes: number } | null {
    if (this.waitingSince === null || this.told) return null;
    const silentFor = now - this.waitingSince;
    if (silentFor < this.thresholdMs) return null;
    this.told = true;
    return { minutes: Math.floor(silentFor / 60_000) };
  }

  /** Whether a silence is going on now (the tray shows it as a problem until a webhook comes). */
  silent(now: number): boolean {
    return this.waitingSince !== null && now - this.waitingSince >= this.thresholdMs;
  }
}
