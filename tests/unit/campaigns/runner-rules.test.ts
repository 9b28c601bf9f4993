import { describe, expect, it } from 'vitest';
import { canDo } from '../../../electron/core/campaigns/campaign-states';
import { DEFAULT_RETRY_POLICY, decide } from '../../../electron/core/campaigns/retry-policy';
import { PortfolioWindow, tierLimit } from '../../../electron/core/campaigns/tier-limit';
import { WhatsAppApiError, classifyFailure } from '../../../electron/core/whatsapp/errors';

function error(
  code: number | null,
  httpStatus: number | null = 400,
  failure: 'api' | 'timeout' | 'network' = code === null ? 'timeout' : 'api',
  details?: string,
): WhatsAppApiError {
  const { errorClass, reason } = classifyFailure({ code, httpStatus });
  return new WhatsAppApiError({
    failure,
    code,
    title: `error ${code}`,
    details,
    httpStatus,
    errorClass,
    reason,
  });
}

describe('what each error class gets', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, retryBaseMs: 1_000, maxAttempts: 3 };
  it('retries transient errors with growing, jittered waits, then gives up', () => {
    const first = decide(error(131000, 500), 1, policy, () => 0.5);
    const second = decide(
      error(null, null, 'network', 'connect ECONNREFUSED 127.0.0.1:443'),
      2,
      policy,
      () => 0.5,
    );
    expect(first).toEqual({ kind: 'retry', delayMs: 750 });
    expect(second).toEqual({ kind: 'retry', delayMs: 1_500 });
    expect(decide(error(131000, 500), 3, policy)).toMatchObject({ kind: 'fail', code: 131000 });
  });
  it('never retries a send WhatsApp may have accepted: a timeout or a connection lost mid-request', () => {
    expect(decide(error(null, null, 'timeout'), 1, policy)).toMatchObject({ kind: 'unconfirmed' });
    expect(decide(error(null, null, 'network', 'read ECONNRESET'), 1, policy)).toMatchObject({
      kind: 'unconfirmed',
    });
    expect(decide(error(null, null, 'network', 'socket hang up'), 1, policy)).toMatchObject({
      kind: 'unconfirmed',
    });
    // An answer (5xx) or a connection that never opened proves nothing went out.
    expect(
      decide(error(null, null, 'network', 'getaddrinfo ENOTFOUND graph.facebook.com'), 1, policy).kind,
    ).toBe('retry');
    expect(decide(error(131000, 503), 1, policy).kind).toBe('retry');
  });
  it('defers only the recipient on the pair rate limit (4^X s) and slows the number on 130429', () => {
    expect(decide(error(131056), 1, policy)).toEqual({ kind: 'defer', delayMs: 1_000 });
    expect(decide(error(131056), 3, policy)).toEqual({ kind: 'defer', delayMs: 16_000 });
    expect(decide(error(130429), 9, policy)).toEqual({ kind: 'throttle', delayMs: policy.throttleRequeueMs });
  });
  it('pauses on account errors with the reason, fails permanent ones with Meta’s code', () => {
    const pause = decide(error(131048), 1, policy);
    expect(pause.kind).toBe('pause');
    expect(pause.kind === 'pause' && pause.notice).toMatch(/131048.*Spam rate limit/);
    expect(decide(error(190, 401), 1, policy).kind).toBe('pause');
    expect(decide(error(132001), 1, policy)).toMatchObject({
      kind: 'fail',
      code: 132001,
      title: 'error 132001',
    });
  });
});

describe('the portfolio messaging limit window', () => {
  const HOUR = 3_600_000;
  it('admits up to the limit, counts a recipient once, and frees room 24 h after their last reach', () => {
    expect(tierLimit('TIER_1K')).toBe(1_000);
    expect(tierLimit('TIER_UNLIMITED')).toBeNull();
    expect(tierLimit(null)).toBe(250);
    const window = new PortfolioWindow(2);
    window.admit('a', 0);
    window.admit('b', 1_000);
    expect(window.admits('a', 2_000)).toBe(true);
    expect(window.admits('c', 2_000)).toBe(false);
    expect(window.nextRoomAt()).toBe(24 * HOUR);
    expect(window.admits('c', 24 * HOUR)).toBe(true);
  });
  it('lets a customer whose service window is open through for free', () => {
    const window = new PortfolioWindow(1);
    window.admit('a', 0);
    expect(window.admits('b', 1_000)).toBe(false);
    expect(window.admits('b', 1_000, false)).toBe(true);
    window.admit('b', 1_000, false);
    expect(window.size).toBe(1);
  });
  it('keeps a customer reached again counted for 24 h from the last reach', () => {
    const window = new PortfolioWindow(2);
    window.admit('a', 0);
    window.admit('b', HOUR);
    window.admit('a', 10 * HOUR);
    // b is now the oldest: room comes back when b leaves, and a stays counted past 24 h.
    expect(window.nextRoomAt()).toBe(25 * HOUR);
    expect(window.admits('c', 25 * HOUR)).toBe(true);
    window.admit('c', 25 * HOUR);
    expect(window.admits('d', 25 * HOUR)).toBe(false);
  });
  it('takes in the limit and what other senders reached from its source', async () => {
    const window = new PortfolioWindow(null, async () => ({ limit: 2, reached: [['x', 0]] }));
    expect(window.admits('a', 0)).toBe(true);
    await window.refresh(new Date(1_000));
    expect(window.limit).toBe(2);
    window.admit('a', 1_000);
    expect(window.admits('b', 2_000)).toBe(false);
  });
});

describe('campaign states', () => {
  it('allows only the legal moves', () => {
    expect(canDo('start', 'draft')).toBe(true);
    expect(canDo('start', 'paused')).toBe(false);
    expect(canDo('resume', 'paused')).toBe(true);
    expect(canDo('delete', 'scheduled')).toBe(false);
    expect(canDo('cancel', 'finished')).toBe(false);
  });
});
