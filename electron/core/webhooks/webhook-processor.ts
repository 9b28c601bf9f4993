import { In, IsNull, LessThanOrEqual } from 'typeorm';
import type { CoreContext } from '../core-context';
import { AlertEntity, WebhookInboxEntity, type WebhookInboxRow } from '../db/entities/messaging';
import { parseWebhook, type WebhookEvent } from '../whatsapp/webhooks';
import type { CommitDurability } from '../db/write-queue';
import { execute, marks, sqlDate } from '../db/sql';
import { applyEvents, type ApplyDeps } from './apply-events';
import { Effects } from './effects';
import { InboxPurge } from './inbox-purge';
import { FieldTally } from './field-tally';
import { StatusBatch } from './status-batch';

export interface ProcessorOptions {
  /** The first retry waits this long; each next one twice as long. */
  retryBaseMs?: number;
  /** After this many failed attempts the delivery is marked failed and shown to the owner. */
  maxAttempts?: number;
  /** How often to look for retries that have come due. */
  pollMs?: number;
  batchSize?: number;
  /** Deliveries applied in one transaction when none of them fails. */
  chunkSize?: number;
  /** Applied deliveries are deleted after this many days (config: webhooks.processed_retention_days). */
  retentionDays?: number;
}

/**
 * Statuses only: if a power cut took the commit that applied them, their deliveries are still stored
 * as pending and are applied again, so it need not wait for the disk (write-queue.ts). Anything else
 * does: what runs after its commit (media fetches, automatic answers) must not happen twice.
 */
function durabilityFor(deliveries: readonly WebhookEvent[][]): CommitDurability {
  return deliveries.every((events) => events.every((event) => event.kind === 'status')) ? 'with-next' : 'now';
}

/** A stored delivery's body and the events in it. */
interface ReadDelivery {
  body: unknown;
  events: WebhookEvent[];
}

/**
 * Parses a delivery once a drain. Under load a transaction ends after one delivery whenever an
 * acknowledgement waits, and the next one starts a chunk further on: parsing the whole chunk each
 * time parsed a delivery up to a chunk's length of times (issue 15). Throws on a body that is not
 * JSON, as before: the chunk then goes one by one.
 */
function readOnce(row: WebhookInboxRow, read: Map<number, ReadDelivery>): ReadDelivery {
  let delivery = read.get(row.id);
  if (!delivery) {
    const body: unknown = JSON.parse(row.body);
    delivery = { body, events: parseWebhook(body) };
    read.set(row.id, delivery);
  }
  return delivery;
}

/**
 * Applies stored webhook deliveries in the order they arrived, each in one transaction with its
 * row marked done, so a delivery is applied entirely or not at all. A failure keeps the delivery
 * for a later retry; it does not hold up the deliveries after it, because every event is applied
 * idempotently and statuses only move forward.
 */
export class WebhookProcessor {
  private draining: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly retryBaseMs: number;
  private readonly maxAttempts: number;
  private readonly batchSize: number;
  private readonly chunkSize: number;
  /** Deletes applied deliveries after the retention period; runs while the processor runs. */
  readonly purge: InboxPurge;

  constructor(
    private readonly ctx: CoreContext,
    private readonly deps: ApplyDeps,
    private readonly options: ProcessorOptions = {},
  ) {
    this.retryBaseMs = options.retryBaseMs ?? 5_000;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.batchSize = options.batchSize ?? 200;
    this.chunkSize = options.chunkSize ?? 50;
    this.purge = new InboxPurge(ctx, { retentionDays: options.retentionDays ?? 30 });
  }

  start(): void {
    this.timer ??= setInterval(() => this.wake(), this.options.pollMs ?? 5_000);
    this.timer.unref?.();
    this.wake();
    this.purge.start();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.purge.stop();
    await this.draining;
  }

  /** Something was stored: apply it soon. Calls while draining make one more pass. */
  wake(): void {
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain()
      .catch((error: unknown) => this.ctx.logger.error('applying webhooks failed; will try again', error))
      .finally(() => {
        this.draining = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Resolves when everything due now has been applied (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Puts failed deliveries back in line (the owner pressed "Retry"). */
  async retryFailed(): Promise<number> {
    const result = await this.ctx.tx.run((m) =>
      m
        .getRepository(WebhookInboxEntity)
        .update({ state: 'failed' }, { state: 'pending', attempts: 0, nextAttemptAt: null }),
    );
    this.wake();
    return result.affected ?? 0;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const now = this.ctx.clock.now();
      const due = await this.ctx.db.getRepository(WebhookInboxEntity).find({
        where: [
          { state: 'pending', nextAttemptAt: IsNull() },
          { state: 'pending', nextAttemptAt: LessThanOrEqual(now) },
        ],
        order: { id: 'ASC' },
        take: this.batchSize,
      });
      if (due.length === 0) return;
      let applied = 0;
      const read = new Map<number, ReadDelivery>();
      for (let i = 0; i < due.length;) {
        const chunk = due.slice(i, i + this.chunkSize);
        // Together first (one commit for many deliveries); one by one if any of them fails, so
        // a bad delivery holds back nobody else.
        const together = chunk.length > 1 ? await this.applyTogether(chunk, read) : 0;
        if (together > 0) {
          applied += together;
          i += together;
          continue;
        }
        for (const row of chunk) if (await this.applyOne(row, read)) applied++;
        i += chunk.length;
      }
      // A full batch that all failed is due again only later: do not spin on it now.
      if (due.length < this.batchSize || applied === 0) return;
    }
  }

  /**
   * Applies deliveries in order in one transaction and marks them done with one statement, their
   * statuses together (status-batch.ts). Ends the
   * transaction early, after at least one delivery, when an acknowledgement is waiting to be
   * stored: Meta's next deliveries are answered within one delivery's work, not a chunk's.
   * Returns how many were applied, 0 when the transaction failed (nothing of it is kept).
   */
  private async applyTogether(rows: WebhookInboxRow[], read: Map<number, ReadDelivery>): Promise<number> {
    const effects = new Effects();
    let applied: WebhookInboxRow[] = [];
    try {
      const deliveries = rows.map((row) => readOnce(row, read));
      const bodies = deliveries.map((delivery) => delivery.body);
      const parsed = deliveries.map((delivery) => delivery.events);
      applied = await this.ctx.tx.run(
        async (m) => {
          const now = this.ctx.clock.now();
          const tally = new FieldTally();
          const statuses = new StatusBatch(effects, now, this.deps.audit);
          const done: WebhookInboxRow[] = [];
          for (const [index, row] of rows.entries()) {
            await applyEvents(m, parsed[index]!, this.deps, effects, now, statuses);
            tally.add(bodies[index], parsed[index]!, row.receivedAt);
            done.push(row);
            if (this.ctx.tx.urgentWaiting) break;
          }
          await statuses.flush(m);
          // Counted in the same transaction: Settings shows each field, and what was only kept.
          await tally.write(m);
          await execute(
            m,
            `UPDATE webhook_inbox SET state = 'done', processed_at = ?, last_error = NULL, attempts = attempts + 1
            WHERE id IN (${marks(done.length)})`,
            [sqlDate(now), ...done.map((row) => row.id)],
          );
          return done;
        },
        'normal',
        durabilityFor(parsed),
      );
    } catch {
      return 0;
    }
    this.afterCommit(effects, applied[0]!.id);
    return applied.length;
  }

  private afterCommit(effects: Effects, inboxId: number): void {
    effects.flush((name, payload) => this.ctx.events.publish(name, payload));
    for (const task of effects.afterCommit()) {
      task().catch((error: unknown) => this.ctx.logger.error(`after webhook ${inboxId}`, error));
    }
  }

  private async applyOne(row: WebhookInboxRow, read: Map<number, ReadDelivery>): Promise<boolean> {
    const effects = new Effects();
    const tally = new FieldTally();
    try {
      const { body, events } = readOnce(row, read);
      tally.add(body, events, row.receivedAt);
      await this.ctx.tx.run(
        async (m) => {
          const now = this.ctx.clock.now();
          // Counted in the same transaction: Settings shows each field, and what was only kept.
          await tally.write(m);
          await applyEvents(m, events, this.deps, effects, now);
          await m
            .getRepository(WebhookInboxEntity)
            .update(
              { id: row.id },
              { state: 'done', processedAt: now, lastError: null, attempts: row.attempts + 1 },
            );
        },
        'normal',
        durabilityFor([events]),
      );
    } catch (error) {
      await this.recordFailure(row, error);
      return false;
    }
    this.afterCommit(effects, row.id);
    return true;
  }

  private async recordFailure(row: WebhookInboxRow, error: unknown): Promise<void> {
    const attempts = row.attempts + 1;
    const message = error instanceof Error ? error.message : String(error);
    const now = this.ctx.clock.now();
    const giveUp = attempts >= this.maxAttempts;
    this.ctx.logger.warn(`webhook delivery ${row.id} failed (attempt ${attempts}): ${message}`);
    await this.ctx.tx.run(async (m) => {
      await m.getRepository(WebhookInboxEntity).update(
        { id: row.id },
        {
          state: giveUp ? 'failed' : 'pending',
          attempts,
          lastError: message.slice(0, 2000),
          nextAttemptAt: new Date(now.getTime() + this.retryBaseMs * 2 ** (attempts - 1)),
        },
      );
      if (giveUp) {
        await m.getRepository(AlertEntity).insert({
          kind: 'webhook',
          message: `A webhook delivery could not be applied after ${attempts} attempts; it is kept and can be retried`,
          details: JSON.stringify({ inboxId: row.id, error: message }),
          createdAt: now,
          dismissedAt: null,
        });
      }
    });
    this.ctx.events.publish('webhooks.failed', { inboxId: row.id, attempts, error: message, gaveUp: giveUp });
  }

  /** Counts for the settings screen. */
  async counts(): Promise<{ pending: number; failed: number }> {
    const repo = this.ctx.db.getRepository(WebhookInboxEntity);
    const [pending, failed] = await Promise.all([
      repo.countBy({ state: In(['pending']) }),
      repo.countBy({ state: 'failed' }),
    ]);
    return { pending, failed };
  }
}
