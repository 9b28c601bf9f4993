import type { EntityManager, QueryRunner } from 'typeorm';
import type { ReadManager } from './read-db';

/**
 * Small helpers for the hand-written SQL of contacts and lists. Every value goes in as a `?`
 * parameter; only fixed fragments of our own (column names from a closed list) are ever joined into
 * the text.
 */

/** Rows per `IN (…)` list or multi-row `VALUES`: far below SQLite's 32,766 parameters. */
export const CHUNK = 500;

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `?, ?, ?` for an `IN (…)` list. */
export function marks(count: number): string {
  return new Array<string>(count).fill('?').join(', ');
}

/** `(?, ?), (?, ?)` for a multi-row `VALUES` with `width` columns. */
export function rowMarks(rows: number, width: number): string {
  const one = `(${marks(width)})`;
  return new Array<string>(rows).fill(one).join(', ');
}

/**
 * A date as TypeORM writes a `datetime` column on SQLite (UTC, `YYYY-MM-DD HH:MM:SS.SSS`), so rows
 * written here and rows written through repositories sort and read back the same.
 */
export function sqlDate(date: Date): string {
  return date.toISOString().slice(0, 23).replace('T', ' ');
}

/** Reads a `datetime` column from a raw row. */
export function fromSqlDate(value: string): Date {
  return new Date(`${value.replace(' ', 'T')}Z`);
}

export function fromSqlDateOrNull(value: string | null): Date | null {
  return value === null ? null : fromSqlDate(value);
}

/** Runs a SELECT (or any statement that returns rows). */
export function select<T>(m: ReadManager, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  return m.query(sql, params as unknown[]) as Promise<T[]>;
}

/**
 * Runs an INSERT, UPDATE or DELETE inside a transaction and returns how many rows it changed.
 * TypeORM's sqlite runner reports `changes` only for statements that start with one of those words.
 */
export async function execute(
  m: EntityManager,
  sql: string,
  params: readonly unknown[] = [],
): Promise<number> {
  if (!/^(INSERT|UPDATE|DELETE) /.test(sql)) throw new Error(`execute() runs INSERT, UPDATE or DELETE only`);
  const runner: QueryRunner | undefined = m.queryRunner;
  if (!runner) throw new Error('execute() must run inside ctx.tx.run()');
  const result = await runner.query(sql, params as unknown[], true);
  return (result as { affected?: number }).affected ?? 0;
}

/**
 * A piece of SQL with its parameters. Tables have an owner (issue 9): a set-based query that spans
 * domains composes the fragments each owning domain exports (a subquery, a join condition) instead
 * of naming another domain's tables itself. Parameters go in the order the text uses them.
 */
export interface Fragment {
  sql: string;
  params: unknown[];
}
