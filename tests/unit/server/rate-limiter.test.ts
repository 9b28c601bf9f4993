import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../electron/core/server/api/rate-limiter';

/** The token API's limiter on a clock moved by hand. */
function limiter(perSecond: number, burst: number, maxKeys?: number) {
  let now = 1_000_000;
  const rate = new RateLimiter(perSecond, burst, () => now, maxKeys);
  return { rate, advance: (ms: number) => (now += ms) };
}

describe('the rate limiter', () => {
  it('allows the burst, then one call per refill, per key', () => {
    const { rate, advance } = limiter(2, 3);
    expect([rate.take('a'), rate.take('a'), rate.take('a')]).toEqual([0, 0, 0]);
    expect(rate.take('a')).toBe(1);
    expect(rate.take('b')).toBe(0);
    advance(500);
    expect(rate.take('a')).toBe(0);
  });

  it('never holds more buckets than its bound, whatever the number of keys', () => {
    const { rate } = limiter(1, 5, 1_000);
    for (let i = 0; i < 50_000; i++) rate.take(`key-${i}`);
    expect(rate.size).toBeLessThanOrEqual(1_000);
  });

  it('forgets idle buckets within a minute: a refilled bucket allows no more than a new one', () => {
    const { rate, advance } = limiter(1, 5);
    for (let i = 0; i < 500; i++) rate.take(`idle-${i}`);
    expect(rate.size).toBe(500);
    advance(60_000);
    for (let i = 0; i < 5; i++) rate.take('busy');
    expect(rate.size).toBe(1);
    // The one kept is still limited.
    expect(rate.take('busy')).toBeGreaterThan(0);
  });

  it('sweeps after 1,000 calls too, when the calls come faster than a minute', () => {
    const { rate, advance } = limiter(1000, 1);
    for (let i = 0; i < 999; i++) rate.take(`quick-${i}`);
    advance(10);
    rate.take('last');
    expect(rate.size).toBeLessThanOrEqual(1);
  });

  it('keeps the most recently used when it must drop some', () => {
    const { rate } = limiter(1, 2, 10);
    rate.take('hot');
    rate.take('hot');
    for (let i = 0; i < 9; i++) rate.take(`cold-${i}`);
    expect(rate.take('hot')).toBeGreaterThan(0);
    for (let i = 9; i < 17; i++) rate.take(`cold-${i}`);
    expect(rate.size).toBe(10);
    // "hot" was used after cold-0..8, so those went first: it is still there, still limited.
    expect(rate.take('hot')).toBeGreaterThan(0);
  });
});
