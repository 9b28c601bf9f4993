import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/db/migrations';

/**
 * TypeORM runs migrations in the order of the timestamp at the end of their names, not the order of
 * the list. Two branches once gave two migrations the same timestamp; an order that differs from
 * the files' numbers would run a migration before the one it builds on.
 */
describe('migrations', () => {
  const names = MIGRATIONS.map((m) => new m().name ?? m.name);
  const stamps = names.map((name) => Number(/(\d{13})$/.exec(name)?.[1]));

  it('each carry a timestamp, all different, rising in the order they are listed', () => {
    expect(stamps.every((s) => Number.isFinite(s))).toBe(true);
    expect(new Set(stamps).size).toBe(stamps.length);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
  });

  it('are all listed, in the order of their file numbers', () => {
    const dir = join(__dirname, '../../../electron/core/db/migrations');
    const files = readdirSync(dir)
      .filter((f) => /^\d{4}-.*\.ts$/.test(f))
      .sort();
    const classes = files.map((f) => /export class (\w+)/.exec(readFileSync(join(dir, f), 'utf8'))?.[1]);
    expect(classes).toEqual(MIGRATIONS.map((m) => m.name));
  });
});
