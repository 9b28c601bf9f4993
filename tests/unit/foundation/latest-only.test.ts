import { describe, expect, it } from 'vitest';
import { LatestOnly } from '@shared/latest-only';

/** A load answering after `ms`, which applies its answer only while it is the latest. */
async function load(loads: LatestOnly, shown: string[], answer: string, ms: number) {
  const latest = loads.begin();
  await new Promise((resolve) => setTimeout(resolve, ms));
  if (latest()) shown.push(answer);
}

describe('LatestOnly', () => {
  it('drops the answer of a load that started first and answered last', async () => {
    const loads = new LatestOnly();
    const shown: string[] = [];
    await Promise.all([load(loads, shown, 'older', 40), load(loads, shown, 'newer', 5)]);
    expect(shown).toEqual(['newer']);
  });

  it('applies every answer of loads that do not overlap', async () => {
    const loads = new LatestOnly();
    const shown: string[] = [];
    await load(loads, shown, 'first', 1);
    await load(loads, shown, 'second', 1);
    expect(shown).toEqual(['first', 'second']);
  });

  it('lets a next page be added only while no new load has started', () => {
    const loads = new LatestOnly();
    loads.begin();
    const unchanged = loads.current();
    expect(unchanged()).toBe(true);
    loads.begin();
    expect(unchanged()).toBe(false);
  });
});
