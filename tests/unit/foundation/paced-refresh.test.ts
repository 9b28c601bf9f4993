import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PacedRefresh } from '@shared/paced-refresh';

/**
 * The campaign page reloads its figures as progress events arrive (many a second while sending).
 * It used to start a reload a second after the first event whatever the last one cost, so reloads
 * slower than a second overlapped and queued up in the core during a big campaign.
 */
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A reload that takes `ms` of (fake) time, counting how many run at once. */
function slowLoad(ms: number) {
  const seen = { calls: 0, running: 0, mostAtOnce: 0 };
  const load = async () => {
    seen.calls++;
    seen.running++;
    seen.mostAtOnce = Math.max(seen.mostAtOnce, seen.running);
    await new Promise((done) => setTimeout(done, ms));
    seen.running--;
  };
  return { seen, load };
}

describe('PacedRefresh', () => {
  it('merges a burst of events into one reload after the minimum wait', async () => {
    const { seen, load } = slowLoad(10);
    const refresh = new PacedRefresh(load, { minimumMs: 1000, maximumMs: 10_000, factor: 4, now: Date.now });
    for (let i = 0; i < 50; i++) refresh.poke();
    await vi.advanceTimersByTimeAsync(999);
    expect(seen.calls).toBe(0);
    await vi.advanceTimersByTimeAsync(20);
    expect(seen.calls).toBe(1);
  });

  it('never runs two reloads at once, and waits longer after a slow one', async () => {
    const { seen, load } = slowLoad(1500);
    const refresh = new PacedRefresh(load, { minimumMs: 1000, maximumMs: 10_000, factor: 4, now: Date.now });
    // Progress events every 100 ms for 20 s, as while a campaign sends.
    for (let t = 0; t < 20_000; t += 100) {
      refresh.poke();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(seen.mostAtOnce).toBe(1);
    // 1 s wait + 1.5 s load, then 6 s waits (4 × 1.5 s) + 1.5 s loads: 3 reloads in 20 s, not 20.
    expect(seen.calls).toBe(3);
    expect(refresh.delayMs()).toBe(6000);
    refresh.dispose();
  });

  it('reloads once more after a reload during which something changed, and stops when disposed', async () => {
    const { seen, load } = slowLoad(200);
    const refresh = new PacedRefresh(load, { minimumMs: 1000, maximumMs: 10_000, factor: 4, now: Date.now });
    refresh.poke();
    await vi.advanceTimersByTimeAsync(1100); // the first reload is running
    refresh.poke();
    await vi.advanceTimersByTimeAsync(200); // it ends; one more is scheduled
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen.calls).toBe(2);
    refresh.poke();
    refresh.dispose();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(seen.calls).toBe(2);
  });
});
