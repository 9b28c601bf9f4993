import Bottleneck from 'bottleneck';

/**
 * Meta counts throughput in a sliding one-second window measured where the request lands. Spacing
 * requests exactly 1/rate apart leaves no room for the jitter between here and there (a commit that
 * took a few ms longer, a busy event loop), and one early request is a 130429. Pacing 2% under the
 * rate absorbs that at a cost nobody notices.
 */
const HEADROOM = 0.03;
/** Requests in flight at most: Meta's fastest number is 1,000 a second, answered in well under 1 s. */
const MAX_CONCURRENT = 256;
/**
 * Bottleneck starts a job at most every few ms (about 400 a second here, timer-bound), so above 250
 * a second one job carries several messages: minTime never goes under 4 ms, and the send window
 * below still spaces the requests themselves.
 */
const MIN_JOB_INTERVAL_MS = 4;
/** A throttle halves the rate, never below this. */
const MIN_RATE = 1;

export interface NumberLimiterOptions {
  /** How long a throttle (130429 and its kind) keeps the number slowed down. */
  throttleMs: number;
}

/**
 * One phone number's pace: a Bottleneck limiter whose minTime follows the number's throughput (or a
 * campaign's lower setting). A throttle answer halves it for a while and then it climbs back.
 */
export class NumberLimiter {
  private readonly limiter: Bottleneck;
  private wanted: number;
  private current: number;
  private restore: NodeJS.Timeout | null = null;
  private window = new SendWindow(1);

  constructor(
    rate: number,
    private readonly options: NumberLimiterOptions,
  ) {
    this.wanted = Math.max(MIN_RATE, rate);
    this.current = this.wanted;
    this.limiter = new Bottleneck(this.settings());
  }

  /** Messages a second it aims at now (lower while throttled). */
  get rate(): number {
    return this.current;
  }

  /** Messages one job carries at the current rate. */
  get batch(): number {
    return Math.max(1, Math.ceil((this.current * MIN_JOB_INTERVAL_MS) / 1000));
  }

  /** Jobs waiting for their turn or running. */
  get pending(): number {
    const counts = this.limiter.counts();
    return counts.RECEIVED + counts.QUEUED + counts.RUNNING + counts.EXECUTING;
  }

  schedule<T>(job: () => Promise<T>): Promise<T> {
    return this.limiter.schedule(job);
  }

  /**
   * Called right before the request itself. Bottleneck spaces the jobs, but a job first commits its
   * `sending` mark, and that commit can wait behind a batch of status webhooks: two requests whose
   * jobs started 33 ms apart may leave 5 ms apart. This keeps the requests themselves to the rate
   * in any one-second window, which is what Meta counts.
   */
  async beforeSend(): Promise<void> {
    for (;;) {
      const limit = Math.max(MIN_RATE, Math.floor(this.current));
      if (this.window.limit !== limit) this.window = new SendWindow(limit);
      const waitMs = this.window.take(Date.now(), 1000 * (1 + HEADROOM));
      if (waitMs === 0) return;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }

  /** A campaign's own rate, or the number's; a throttle in force keeps its lower rate until it ends. */
  setRate(rate: number): void {
    const wanted = Math.max(MIN_RATE, rate);
    if (wanted === this.wanted) return;
    this.wanted = wanted;
    if (!this.restore || wanted < this.current) this.apply(wanted);
  }

  /** Meta said slow down: half speed for `throttleMs`, then back to the wanted rate. */
  slowDown(): void {
    this.apply(Math.max(MIN_RATE, Math.floor(this.current / 2)));
    if (this.restore) clearTimeout(this.restore);
    this.restore = setTimeout(() => {
      this.restore = null;
      this.apply(this.wanted);
    }, this.options.throttleMs);
    this.restore.unref();
  }

  async stop(): Promise<void> {
    if (this.restore) clearTimeout(this.restore);
    await this.limiter.stop({ dropWaitingJobs: false });
  }

  private apply(rate: number): void {
    this.current = rate;
    this.limiter.updateSettings(this.settings());
  }

  private settings(): Bottleneck.ConstructorOptions {
    const messagesInFlight = Math.min(MAX_CONCURRENT, Math.max(16, Math.ceil(this.current / 2)));
    return {
      minTime: ((1000 * this.batch) / this.current) * (1 + HEADROOM),
      // Enough requests in flight to keep the pace when Meta takes a few hundred ms to answer.
      maxConcurrent: Math.max(1, Math.ceil(messagesInFlight / this.batch)),
    };
  }
}
/** The times of the last `limit` requests, in a ring: a rate of 1,000 must not cost an array shift a send. */
class SendWindow {
  private readonly times: Float64Array;
  private count = 0;
  private next = 0;

  constructor(readonly limit: number) {
    this.times = new Float64Array(limit);
  }

  /** 0 and recorded when one more request fits in `spanMs`; else how long to wait. */
  take(now: number, spanMs: number): number {
    if (this.count === this.limit) {
      const oldest = this.times[this.next]!;
      if (now - oldest < spanMs) return Math.ceil(oldest + spanMs - now);
    } else {
      this.count += 1;
    }
    this.times[this.next] = now;
    this.next = (this.next + 1) % this.limit;
    return 0;
  }
}
