/**
 * The three limits Meta enforces on sends (reference §7), each exact so a test can hold the sandbox to
 * within a few percent of the figure it set.
 */

/**
 * At most `limit` events in any rolling `windowMs`: a ring of the last `limit` accepted times. Unlike
 * a token bucket that starts full, it never lets a burst exceed the rate over a one-second window.
 */
export class SlidingWindowLimiter {
  private readonly times: number[] = [];
  private head = 0;

  constructor(
    readonly limit: number,
    private readonly windowMs = 1000,
  ) {}

  tryTake(now: number): boolean {
    if (this.limit <= 0) return false;
    if (this.times.length < this.limit) {
      this.times.push(now);
      return true;
    }
    const oldest = this.times[this.head] ?? now;
    if (now - oldest < this.windowMs) return false;
    this.times[this.head] = now;
    this.head = (this.head + 1) % this.limit;
    return true;
  }
}

/**
 * Meta's pair rate limit: about one message per 6 s to the same customer, with bursts that borrow from
 * future quota. A token bucket per (number, customer) of `burst` tokens, one back every `intervalMs`.
 */
export class PairRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();

  tryTake(key: string, now: number, burst: number, intervalMs: number): boolean {
    const bucket = this.buckets.get(key) ?? { tokens: burst, updatedAt: now };
    const refilled = intervalMs > 0 ? (now - bucket.updatedAt) / intervalMs : burst;
    bucket.tokens = Math.min(burst, bucket.tokens + refilled);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  clear(): void {
    this.buckets.clear();
  }
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * The messaging limit: unique customers reached outside a service window in a moving 24 h, shared
 * by the portfolio's numbers. A customer already counted today costs nothing more.
 */
export class DailyUniqueRecipients {
  private readonly firstReachedAt = new Map<string, number>();

  /** Whether a message to this customer fits; `admit` counts it once the send is accepted. */
  canAdmit(waId: string, now: number, limit: number): boolean {
    for (const [id, at] of this.firstReachedAt) {
      // Map keeps insertion order, so the oldest come first.
      if (now - at < DAY_MS) break;
      this.firstReachedAt.delete(id);
    }
    return this.firstReachedAt.has(waId) || this.firstReachedAt.size < limit;
  }

  admit(waId: string, now: number): void {
    if (!this.firstReachedAt.has(waId)) this.firstReachedAt.set(waId, now);
  }

  clear(): void {
    this.firstReachedAt.clear();
  }
}

/** The live limiters, one sliding window per number at its current rate. */
export class SandboxLimits {
  readonly pairs = new PairRateLimiter();
  readonly daily = new DailyUniqueRecipients();
  private readonly throughput = new Map<string, SlidingWindowLimiter>();

  tryThroughput(phoneNumberId: string, mps: number, now: number): boolean {
    let limiter = this.throughput.get(phoneNumberId);
    if (!limiter || limiter.limit !== mps) {
      limiter = new SlidingWindowLimiter(mps);
      this.throughput.set(phoneNumberId, limiter);
    }
    return limiter.tryTake(now);
  }

  clear(): void {
    this.pairs.clear();
    this.daily.clear();
    this.throughput.clear();
  }
}
