import { describe, expect, it } from 'vitest';
import { timelinePoints } from '@shared/timeline-points';

const bucket = (at: string, sent: number, read = 0) => ({
  at,
  sent,
  delivered: sent,
  read,
  replied: 0,
  failed: 0,
  optedOut: 0,
});

describe('timelinePoints', () => {
  it('draws a campaign sent within one minute as a rise from nothing to its totals', () => {
    const points = timelinePoints([bucket('2026-12-03T16:23:00.000Z', 40, 24)], 60);
    expect(points.map((p) => new Date(p.at).toISOString())).toEqual([
      '2026-12-03T16:23:00.000Z',
      '2026-12-03T16:24:00.000Z',
    ]);
    expect(points.map((p) => [p.totals.sent, p.totals.read])).toEqual([
      [0, 0],
      [40, 24],
    ]);
  });

  it('puts each later bucket at its end, and draws nothing when nothing was sent', () => {
    const points = timelinePoints(
      [bucket('2026-12-03T10:00:00.000Z', 5), bucket('2026-12-03T11:00:00.000Z', 9)],
      3600,
    );
    expect(points.map((p) => [new Date(p.at).toISOString(), p.totals.sent])).toEqual([
      ['2026-12-03T10:00:00.000Z', 0],
      ['2026-12-03T11:00:00.000Z', 5],
      ['2026-12-03T12:00:00.000Z', 9],
    ]);
    expect(timelinePoints([], 60)).toEqual([]);
  });
});
