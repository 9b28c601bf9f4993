/** Buckets kept at most; past it, the least recently used go first. */
const DEFAULT_MAX_KEYS = 10_000;
/** Idle buckets are swept after this many calls or this long, whichever comes first. */
const SWEEP_EVERY_CALLS = 1_000;
const SWEEP_EVERY_MS = 60_000;

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per key: `burst` calls at once, refilled at `perSecond`. In memory, as the app is
 * one process; an office that outgrows it moves this to Bottleneck on Redis with the rest.
 *
 * Bounded: a bucket that has refilled completely is the same as no bucket, so idle ones are swept
 * away, and never more than `maxKeys` are kept (the least recently used go first). Keys are chosen
 * by the caller so that an outsider cannot mint new ones at will: a token's id once authenticated,
 * the remote address otherwise.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private callsSinceSweep = 0;
  private lastSweep: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = DEFAULT_MAX_KEYS,
  ) {
    this.lastSweep = now();
  }

  /** 0 when the call may go ahead, else the seconds to wait. */
  take(key: string): number {
    const now = this.now();
    if (++this.callsSinceSweep >= SWEEP_EVERY_CALLS || now - this.lastSweep >= SWEEP_EVERY_MS) {
      this.sweep(now);
    }
    const bucket = this.refilled(this.buckets.get(key), now);
    // Re-inserted: the map's order is least recently used first.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.sweep(now);
    while (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / this.perSecond);
  }

  /** Buckets held now. */
  get size(): number {
    return this.buckets.size;
  }

  private refilled(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.burst, at: now };
    return {
      tokens: Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond),
      at: now,
    };
  }

  /** Forgets every bucket that is full again: it would allow exactly what a new one allows. */
  private sweep(now: number): void {
    this.callsSinceSweep = 0;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) {
      if (this.refilled(bucket, now).tokens >= this.burst) this.buckets.delete(key);
    }
  }
}
