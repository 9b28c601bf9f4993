import { describe, expect, it } from 'vitest';
import {
  DailyUniqueRecipients,
  PairRateLimiter,
  SlidingWindowLimiter,
} from '../../../electron/core/whatsapp/sandbox/rate-limits';

describe('SlidingWindowLimiter (throughput)', () => {
  it('never accepts more than the limit in any rolling second, under a saturating load', () => {
    const limiter = new SlidingWindowLimiter(50);
    const accepted: number[] = [];
    // A request every 2 ms for 5 s: 2,500 tries for 250 slots.
    for (let t = 0; t < 5000; t += 2) if (limiter.tryTake(t)) accepted.push(t);
    expect(accepted).toHaveLength(250);
    for (let start = 0; start <= 4000; start += 7) {
      const inWindow = accepted.filter((t) => t >= start && t < start + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(50);
    }
  });

  it('accepts again once the oldest accepted request is a second old', () => {
    const limiter = new SlidingWindowLimiter(2);
    expect([limiter.tryTake(0), limiter.tryTake(10), limiter.tryTake(999)]).toEqual([true, true, false]);
    expect([limiter.tryTake(1000), limiter.tryTake(1005), limiter.tryTake(1010)]).toEqual([
      true,
      false,
      true,
    ]);
  });
});

describe('PairRateLimiter', () => {
  it('allows a burst, then one message per interval', () => {
    const pairs = new PairRateLimiter();
    const take = (t: number) => pairs.tryTake('pn:123', t, 3, 6000);
    expect([take(0), take(1), take(2), take(3)]).toEqual([true, true, true, false]);
    expect(take(5999)).toBe(false);
    expect(take(6003)).toBe(true);
    expect(take(6004)).toBe(false);
  });

  it('keeps customers apart', () => {
    const pairs = new PairRateLimiter();
    expect(pairs.tryTake('pn:1', 0, 1, 6000)).toBe(true);
    expect(pairs.tryTake('pn:1', 0, 1, 6000)).toBe(false);
    expect(pairs.tryTake('pn:2', 0, 1, 6000)).toBe(true);
  });
});

describe('DailyUniqueRecipients (messaging limit)', () => {
  const HOUR = 60 * 60_000;

  it('counts each customer once in a moving 24 hours', () => {
    const daily = new DailyUniqueRecipients();
    for (const id of ['a', 'b']) {
      expect(daily.canAdmit(id, 0, 2)).toBe(true);
      daily.admit(id, 0);
    }
    expect(daily.canAdmit('a', HOUR, 2)).toBe(true);
    expect(daily.canAdmit('c', HOUR, 2)).toBe(false);
    expect(daily.canAdmit('c', 24 * HOUR, 2)).toBe(true);
  });
});
