import type sqlite3 from 'sqlite3';
import type { DataSource, EntityManager } from 'typeorm';
import { writerConnection } from './prepared-writes';

/**
 * How soon a write must happen. `urgent` writes are someone waiting on the other end: a webhook
 * delivery is acknowledged only once it is stored, and Meta's timeout runs meanwhile. They go
 * before every `normal` write that has not started yet (never interrupting the one running).
 */
export type WritePriority = 'urgent' | 'normal';

/**
 * Whether a commit waits for the disk. `now`: SQLite's FULL, the commit is on disk before `run`
 * resolves. `with-next`: NORMAL, the commit is in the write-ahead log and reaches the disk with the
 * next `now` commit (WAL is written in order) or the next checkpoint; an application crash loses
 * nothing, a power cut may lose it. Only for work that can be done again from what is already on
 * disk: the webhook processor's status chunks, re-applied from their stored deliveries, and the
 * campaign runner's accepted sends, settled by their status webhooks (message-writer.ts).
 */
export type CommitDurability = 'now' | 'with-next';

interface Job {
  work: (manager: EntityManager) => Promise<unknown>;
  durability: CommitDurability;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * The one writer. SQLite allows one writer at a time, and the sqlite3 driver is one connection, so
 * every write of the core is a transaction queued here and run after the one before it: each is
 * all-or-nothing and nothing written outside a transaction can be rolled back with someone else's.
 * The writing connection is reachable only through `run`; readers use `ctx.db`, a read-only
 * connection that never sees a transaction before it commits.
 */
export class WriteQueue {
  private readonly urgent: Job[] = [];
  private readonly normal: Job[] = [];
  private running = false;
  private idleWaiters: (() => void)[] = [];
  /**
   * The writer's `synchronous` (FULL when opened), changed only when the next transaction needs the
   * other. Changing it before and after every processor transaction took 1.9 ms of the writer's time
   * a transaction through TypeORM (bench/webhooks.ts, issue 15): it now rides on the BEGIN, and is
   * left out while the same kind of transaction follows. `null`: not known, set it.
   */
  private synchronous: 'FULL' | 'NORMAL' | null = 'FULL';

  constructor(private readonly writer: DataSource) {}

  run<T>(
    work: (manager: EntityManager) => Promise<T>,
    priority: WritePriority = 'normal',
    durability: CommitDurability = 'now',
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const job: Job = { work, durability, resolve: resolve as (value: unknown) => void, reject };
      (priority === 'urgent' ? this.urgent : this.normal).push(job);
      if (!this.running) void this.next();
    });
  }

  /**
   * Someone is waiting for an urgent write (a webhook's acknowledgement): long work done in one
   * transaction after another (the webhook processor) ends its transaction early to let it in.
   */
  get urgentWaiting(): boolean {
    return this.urgent.length > 0;
  }

  /** Transactions queued or running (for the status of a shutdown). */
  get depth(): number {
    return this.urgent.length + this.normal.length + (this.running ? 1 : 0);
  }

  /** Resolves once everything queued so far has committed or failed. */
  drained(): Promise<void> {
    if (this.depth === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * One transaction, begun and ended on the raw connection. TypeORM's `transaction()` sends BEGIN
   * and COMMIT through its query path (a statement compiled, stepped and finalized: two trips to
   * SQLite's thread each, every trip waiting for a main thread busy with HTTP): 0.6 and 0.4 ms of
   * the writer a transaction under webhook load, with the `synchronous` switch a trip of its own
   * (bench/webhooks.ts, issue 15). Here each is one `exec`, the switch folded into the BEGIN. The
   * query runner is marked as in a transaction, as `transaction()` marks it, so TypeORM's saves do
   * not open their own and `executePrepared` accepts the manager; SQLite's single runner is the
   * writer's one connection (the queue lets nothing else use it meanwhile).
   */
  private async transaction(job: Job): Promise<unknown> {
    const connection = writerConnection(this.writer);
    const wanted = job.durability === 'with-next' ? 'NORMAL' : 'FULL';
    const switchTo = this.synchronous === wanted ? '' : `PRAGMA synchronous = ${wanted}; `;
    // Should the BEGIN fail after the switch ran, the next transaction sets it again.
    this.synchronous = null;
    await exec(connection, `${switchTo}BEGIN`);
    this.synchronous = wanted;
    const runner = this.writer.createQueryRunner();
    // Read-only in QueryRunner's interface; a plain field on the class, which `transaction()` sets.
    const state = runner as unknown as { isTransactionActive: boolean };
    state.isTransactionActive = true;
    try {
      const result = await job.work(runner.manager);
      await exec(connection, 'COMMIT');
      return result;
    } catch (error) {
      // What failed is reported, not a failed rollback (SQLite may have rolled back already).
      await exec(connection, 'ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      state.isTransactionActive = false;
      await runner.release();
    }
  }

  private async next(): Promise<void> {
    this.running = true;
    for (;;) {
      const job = this.urgent.shift() ?? this.normal.shift();
      if (!job) break;
      try {
        job.resolve(await this.transaction(job));
      } catch (error) {
        job.reject(error);
      }
    }
    this.running = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }
}

function exec(connection: sqlite3.Database, sql: string): Promise<void> {
  return new Promise((resolve, reject) =>
    connection.exec(sql, (error) => (error ? reject(error) : resolve())),
  );
}
