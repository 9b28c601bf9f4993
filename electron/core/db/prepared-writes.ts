import type sqlite3 from 'sqlite3';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Hot writes (the campaign runner's two per message) as statements prepared once per connection.
 * SQLite compiles an UPDATE of `messages` together with every trigger it may fire (the dashboard's
 * and the campaign page's counters, migrations 0021 and 0024), and compiling costs several times
 * what running it does: 1.3 ms against 0.24 ms a message for the runner's two updates
 * (bench/README.md). TypeORM prepares every statement afresh; these are compiled once and run again.
 *
 * Only fixed SQL text of ours belongs here (values as `?`): the cache holds one statement per text.
 */
const prepared = new WeakMap<sqlite3.Database, Map<string, Promise<sqlite3.Statement>>>();

/** The sqlite3 connection under a transaction's manager: the writer's, inside `ctx.tx.run()`. */
function connectionOf(m: EntityManager): sqlite3.Database {
  const runner = m.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('a prepared write must run inside ctx.tx.run()');
  return (runner.connection.driver as unknown as { databaseConnection: sqlite3.Database }).databaseConnection;
}

/** One statement per text, its promise cached at once so two first calls never prepare it twice. */
function statementFor(db: sqlite3.Database, sql: string): Promise<sqlite3.Statement> {
  let statements = prepared.get(db);
  if (!statements) prepared.set(db, (statements = new Map()));
  const known = statements.get(sql);
  if (known) return known;
  const preparing = new Promise<sqlite3.Statement>((resolve, reject) => {
    const statement = db.prepare(sql, (error: Error | null) => (error ? reject(error) : resolve(statement)));
  });
  statements.set(sql, preparing);
  // A text that does not compile is not kept: the next call reports the error again.
  preparing.catch(() => statements.delete(sql));
  return preparing;
}

/**
 * Runs an INSERT, UPDATE or DELETE of fixed text in the open transaction (the same connection, so
 * it commits or rolls back with the rest) and returns how many rows it changed.
 */
export async function executePrepared(
  m: EntityManager,
  sql: string,
  params: readonly unknown[] = [],
): Promise<number> {
  if (!/^(INSERT|UPDATE|DELETE) /.test(sql))
    throw new Error('executePrepared() runs INSERT, UPDATE or DELETE only');
  const statement = await statementFor(connectionOf(m), sql);
  return new Promise((resolve, reject) => {
    statement.run(params as unknown[], function (this: sqlite3.RunResult, error: Error | null) {
      if (error) reject(error);
      else resolve(this.changes);
    });
  });
}

/**
 * Runs an UPDATE … RETURNING or INSERT … RETURNING of fixed text in the open transaction, prepared
 * once, and returns the rows it wrote as RETURNING lists them: for set-based writes whose callers
 * each need to know whether their own row changed (an INSERT … ON CONFLICT DO NOTHING returns
 * nothing for a duplicate).
 */
export function writeReturning<T>(
  m: EntityManager,
  sql: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  if (!/^(UPDATE|INSERT) [\s\S]* RETURNING [^;]+$/.test(sql))
    throw new Error('writeReturning() runs UPDATE or INSERT … RETURNING only');
  return rowsOf(m, sql, params);
}

/**
 * Runs a SELECT of fixed text in the open transaction, prepared once: for lookups on a hot write
 * path (a status webhook finds its message), where building the query through TypeORM cost more
 * than the rest of applying the status. Rows come as SQLite returns them (snake_case, text dates).
 */
export function selectPrepared<T>(
  m: EntityManager,
  sql: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  if (!/^SELECT /.test(sql)) throw new Error('selectPrepared() runs SELECT only');
  return rowsOf(m, sql, params);
}

/** Runs a statement prepared once in the open transaction and returns the rows it gives. */
async function rowsOf<T>(m: EntityManager, sql: string, params: readonly unknown[]): Promise<T[]> {
  const statement = await statementFor(connectionOf(m), sql);
  return new Promise((resolve, reject) => {
    statement.all(params as unknown[], (error: Error | null, rows: unknown[]) => {
      if (error) reject(error);
      else resolve(rows as T[]);
    });
  });
}

/** The sqlite3 connection under a data source (the writer's, for the write queue's own statements). */
export function writerConnection(source: DataSource): sqlite3.Database {
  return (source.driver as unknown as { databaseConnection: sqlite3.Database }).databaseConnection;
}

/** Finalizes the connection's prepared statements: SQLite closes no connection that still has some. */
export async function finalizePrepared(source: DataSource): Promise<void> {
  const db = writerConnection(source) as sqlite3.Database | undefined;
  const statements = db && prepared.get(db);
  if (!statements) return;
  prepared.delete(db);
  const ready = await Promise.allSettled(statements.values());
  await Promise.all(
    ready.map((r) =>
      r.status === 'fulfilled'
        ? new Promise<void>((resolve) => r.value.finalize(() => resolve()))
        : undefined,
    ),
  );
}
