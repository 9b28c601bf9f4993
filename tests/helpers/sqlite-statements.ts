import sqlite3 from 'sqlite3';

export interface SeenStatement {
  sql: string;
  params: unknown[];
}

/**
 * Every statement sqlite3 ran through `Database#run` and `Database#all` (TypeORM's paths; not the
 * statements prepared once, `db/prepared-writes.ts`) while `work` ran, with its parameters: for
 * tests that check how many statements something takes, or each one's query plan.
 */
export async function statementsDuring(work: () => Promise<unknown>): Promise<SeenStatement[]> {
  type Method = (this: sqlite3.Database, sql: string, ...rest: unknown[]) => unknown;
  const proto = sqlite3.Database.prototype as unknown as { run: Method; all: Method };
  const original = { run: proto.run, all: proto.all };
  const seen: SeenStatement[] = [];
  for (const name of ['run', 'all'] as const) {
    proto[name] = function (sql, ...rest) {
      seen.push({ sql, params: Array.isArray(rest[0]) ? (rest[0] as unknown[]) : [] });
      return original[name].call(this, sql, ...rest);
    };
  }
  try {
    await work();
  } finally {
    Object.assign(proto, original);
  }
  return seen;
}
