import type { DataSource, EntityManager } from 'typeorm';

/**
 * SQLite through the sqlite3 driver is one connection: two transactions begun at once on it fail
 * with "cannot start a transaction within a transaction". Every write transaction of the core goes
 * through this queue, so they run one after another and each is all-or-nothing.
 */
export class TransactionQueue {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const next = this.tail.then(() => this.db.transaction(work));
    this.tail = next.catch(() => undefined);
    return next;
  }
}
