import { describe, expect, it } from 'vitest';
import { dayOf, dayRanges } from '../../../electron/core/dashboard/day-ranges';

const bucket = (iso: string) => Math.floor(Date.parse(iso) / 900_000);

describe('the dashboard’s days in the organization’s time zone', () => {
  it('start at local midnight, also in a zone half an hour off UTC', () => {
    const ranges = dayRanges('Asia/Kolkata', 3, new Date('2026-12-02T06:00:00Z'));
    expect(ranges.map((r) => r.date)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
    // Midnight in Kolkata is 18:30 UTC the day before.
    expect(ranges[2]!.start.toISOString()).toBe('2026-12-01T18:30:00.000Z');
    expect(dayOf(ranges, bucket('2026-12-01T18:29:00Z'))).toBe(1);
    expect(dayOf(ranges, bucket('2026-12-01T18:30:00Z'))).toBe(2);
    expect(dayOf(ranges, bucket('2026-11-29T18:29:00Z'))).toBe(-1);
  });

  it('follow a daylight-saving change: that day is 23 hours long', () => {
    const ranges = dayRanges('Europe/London', 2, new Date('2026-03-29T12:00:00Z'));
    expect(ranges.map((r) => r.date)).toEqual(['2026-03-28', '2026-03-29']);
    expect(ranges[1]!.start.toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(dayOf(ranges, bucket('2026-03-29T23:15:00Z'))).toBe(-1);
    const next = dayRanges('Europe/London', 1, new Date('2026-03-30T12:00:00Z'));
    expect(next[0]!.start.toISOString()).toBe('2026-03-29T23:00:00.000Z');
  });
});
