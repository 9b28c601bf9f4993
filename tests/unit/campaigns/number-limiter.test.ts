import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NumberLimiter } from '../../../electron/core/campaigns/number-limiter';

/**
 * Meta counts a number's throughput in a one-second window where requests land. A request held up
 * on its way (a busy event loop, a slow network) lands later than it left, so the pace is kept on
 * what may still land: a request counts until a second after its answer.
 */
describe('the send window of a number', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function settled<T>(promise: Promise<T>, ms: number): Promise<{ done: boolean; value?: T }> {
    let done = false;
    let value: T | undefined;
    void promise.then((v) => {
      done = true;
      value = v;
    });
    await vi.advanceTimersByTimeAsync(ms);
    return { done, value };
  }

  it('answered quickly, the next second’s requests leave a second (and a little) after the first', async () => {
    const limiter = new NumberLimiter(5, { throttleMs: 10_000 });
    for (let i = 0; i < 5; i += 1) (await limiter.beforeSend())();
    const sixth = limiter.beforeSend();
    expect((await settled(sixth, 1_000)).done).toBe(false);
    expect((await settled(sixth, 40)).done).toBe(true);
    expect(Date.now()).toBeGreaterThanOrEqual(1_030);
  });

  it('a request still unanswered keeps its place, however long ago it left', async () => {
    const limiter = new NumberLimiter(5, { throttleMs: 10_000 });
    const answers: (() => void)[] = [];
    for (let i = 0; i < 5; i += 1) answers.push(await limiter.beforeSend());
    const sixth = limiter.beforeSend();
    expect((await settled(sixth, 3_000)).done).toBe(false);
    // The oldest answers at 3 s: it may have landed just then, so it counts until 4 s.
    answers[0]!();
    expect((await settled(sixth, 990)).done).toBe(false);
    expect((await settled(sixth, 20)).done).toBe(true);
    expect(Date.now()).toBeGreaterThanOrEqual(4_000);
    for (const answer of answers.slice(1)) answer();
  });

  it('a throttle halves the window and keeps the requests already counted', async () => {
    const limiter = new NumberLimiter(10, { throttleMs: 60_000 });
    for (let i = 0; i < 4; i += 1) (await limiter.beforeSend())();
    limiter.slowDown();
    expect(limiter.rate).toBe(5);
    (await limiter.beforeSend())();
    // Five already in the last second at the new rate of five: the next waits for the oldest to age.
    const next = limiter.beforeSend();
    expect((await settled(next, 500)).done).toBe(false);
    expect((await settled(next, 600)).done).toBe(true);
  });
});
