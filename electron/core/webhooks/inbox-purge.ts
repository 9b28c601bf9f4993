import type { CoreContext } from '../core-context';
import { execute, sqlDate } from '../db/sql';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface InboxPurgeOptions {
  /** Applied deliveries older than this are deleted. */
  retentionDays: number;
  /** Rows deleted per transaction: the writer is never held for long. */
  batchSize?: number;
  /** How often to purge after the first time (daily). */
  everyMs?: number;
}

/**
 * Deletes webhook deliveries that were applied long ago, so the inbox does not grow for ever with
 * every status Meta sent. Only `done` rows go: a pending delivery is still to be applied and a
 * failed one waits for the owner's retry. Runs when started and then daily, through the one writer,
 * a small batch per transaction so webhooks and campaigns keep writing in between.
 */
export class InboxPurge {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopping = false;
  private readonly batchSize: number;

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: InboxPurgeOptions,
  ) {
    this.batchSize = options.batchSize ?? 500;
  }

  start(): void {
    if (this.timer) return;
    this.stopping = false;
    this.timer = setInterval(() => void this.runLogged(), this.options.everyMs ?? DAY_MS);
    this.timer.unref?.();
    void this.runLogged();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Purges what is due now; returns how many deliveries were deleted. One run at a time. */
  purge(): Promise<number> {
    this.running ??= this.purgeAll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async purgeAll(): Promise<number> {
    const cutoff = sqlDate(new Date(this.ctx.clock.now().getTime() - this.options.retentionDays * DAY_MS));
    let total = 0;
    for (;;) {
      const deleted = await this.ctx.tx.run((m) =>
        execute(
          m,
          `DELETE FROM webhook_inbox WHERE id IN (
             SELECT id FROM webhook_inbox WHERE state = 'done' AND processed_at < ? LIMIT ?)`,
          [cutoff, this.batchSize],
        ),
      );
      total += deleted;
      if (deleted < this.batchSize || this.stopping) return total;
      // Let other flows' transactions in before the next batch.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async runLogged(): Promise<void> {
    try {
      const deleted = await this.purge();
      if (deleted) {
        this.ctx.logger.info(
          `deleted ${deleted} webhook deliveries applied more than ${this.options.retentionDays} days ago`,
        );
      }
    } catch (error) {
      this.ctx.logger.error('purging old webhook deliveries failed; will try again tomorrow', error);
    }
  }
}
