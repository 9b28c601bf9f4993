import sqlite3 from 'sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { dayOf, dayRanges, daySql } from '../../../electron/core/dashboard/day-ranges';

/**
 * The SQL that sums quarter hours into the organization's days puts every bucket in the same day
 * as `dayOf`, by division when every day has 96 quarter hours and by comparisons when the clocks
 * change in the period.
 */
const db = new sqlite3.Database(':memory:');
afterAll(() => new Promise<void>((resolve) => db.close(() => resolve())));

function dayInSql(sql: string, params: number[], bucket: number): Promise<number> {
  return new Promise((resolve, reject) =>
    db.get(`SELECT ${sql} AS day FROM (SELECT ? AS bucket)`, [...params, bucket], (error, row) =>
      error ? reject(error) : resolve((row as { day: number }).day),
    ),
  );
}

describe('daySql', () => {
  for (const [zone, now] of [
    ['Asia/Kolkata', '2026-12-02T06:00:00Z'],
    ['Europe/Berlin', '2026-04-02T10:00:00Z'],
    ['America/New_York', '2026-11-05T03:00:00Z'],
  ] as const) {
    it(`agrees with dayOf for every quarter hour of 30 days in ${zone}`, async () => {
      const ranges = dayRanges(zone, 30, new Date(now));
      const { sql, params } = daySql(ranges);
      for (let b = ranges[0]!.fromBucket; b < ranges.at(-1)!.toBucket; b += 1) {
        expect(await dayInSql(sql, params, b)).toBe(dayOf(ranges, b));
      }
    });
  }

  it('divides when no clock changes in the period', () => {
    expect(daySql(dayRanges('Asia/Kolkata', 90, new Date('2026-12-02T06:00:00Z'))).params).toHaveLength(1);
    expect(daySql(dayRanges('Europe/Berlin', 30, new Date('2026-04-02T10:00:00Z'))).params).toHaveLength(29);
  });
});
