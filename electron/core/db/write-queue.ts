import type { DataSource, EntityManager } from 'typeorm';

/**
 * The one writer. SQLite allows one writer at a time, and the sqlite3 driver is one connection, so
 * every write of the core is a transaction queued here and run after the one before it: each is
 * all-or-nothing and nothing written outside a transaction can be rolled back with someone else's.
 * The writing connection is reachable only through `run`; readers use `ctx.db`, a read-only
 * connection that never sees a transaction before it commits.
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  constructor(private readonly writer: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    this.pending++;
    const next = this.tail.then(() => this.writer.transaction(work));
    this.tail = next.catch(() => undefined).finally(() => this.pending--);
    return next;
  }

  /** Transactions queued or running (for the status of a shutdown). */
  get depth(): number {
    return this.pending;
  }

  /** Resolves once everything queued so far has committed or failed. */
  async drained(): Promise<void> {
    while (this.pending > 0) await this.tail;
  }
}
