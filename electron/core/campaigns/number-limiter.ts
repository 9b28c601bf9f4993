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
   * Called right before the request itself; the returned function right after its answer (or its
   * failure). Bottleneck spaces the jobs, but a job first commits its `sending` mark, and that commit
   * can wait behind a batch of status webhooks: two requests whose jobs started 33 ms apart may leave
   * 5 ms apart. This keeps the requests themselves to the rate in any one-second window, which is
   * what Meta counts, where they land (see SendWindow).
   */
  async beforeSend(): Promise<() => void> {
    for (;;) {
      const limit = Math.max(MIN_RATE, Math.floor(this.current));
      if (this.window.limit !== limit) this.window = this.window.resized(limit);
      const taken = this.window.take(Date.now(), 1000 * (1 + HEADROOM));
      if (typeof taken !== 'number') return () => taken.answered(Date.now());
      await new Promise((resolve) => setTimeout(resolve, taken));
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
/** One request's place in the send window. */
class Slot {
  /** Until the answer: it may land at Meta any time before then. */
  freeAt = Number.POSITIVE_INFINITY;

  constructor(
    private readonly startedAt: number,
    private readonly spanMs: number,
  ) {}

  /**
   * The request landed at Meta at the latest when its answer came, and Meta counts it for a second
   * from there: the slot stays taken until then (and never less than a span after it left). So a
   * request held up on its way (a busy event loop, a slow network) cannot share Meta's one-second
   * window with a full second's worth of later ones: that is what made a loaded machine get 130429.
   */
  answered(now: number): void {
    this.freeAt = Math.max(this.startedAt + this.spanMs, now + 1000);
  }
}

/** While the oldest request is unanswered, look again this often. */
const UNANSWERED_POLL_MS = 5;

/** The last `limit` requests, in a ring: a rate of 1,000 must not cost an array shift a send. */
class SendWindow {
  private readonly slots: (Slot | null)[];
  private next = 0;

  constructor(
    readonly limit: number,
    recent: readonly Slot[] = [],
  ) {
    this.slots = new Array<Slot | null>(limit).fill(null);
    // The newest requests of the window this one replaces stay counted.
    for (const slot of recent.slice(-limit)) this.place(slot);
  }

  /** A slot when one more request fits now; else how many ms to wait before asking again. */
  take(now: number, spanMs: number): Slot | number {
    const oldest = this.slots[this.next];
    if (oldest && now < oldest.freeAt) {
      return Number.isFinite(oldest.freeAt) ? Math.ceil(oldest.freeAt - now) : UNANSWERED_POLL_MS;
    }
    const slot = new Slot(now, spanMs);
    this.place(slot);
    return slot;
  }

  /** The same requests in a window of another size (the rate changed: a throttle, a new setting). */
  resized(limit: number): SendWindow {
    const inOrder: Slot[] = [];
    for (let i = 0; i < this.limit; i += 1) {
      const slot = this.slots[(this.next + i) % this.limit];
      if (slot) inOrder.push(slot);
    }
    return new SendWindow(limit, inOrder);
  }

  private place(slot: Slot): void {
    this.slots[this.next] = slot;
    this.next = (this.next + 1) % this.limit;
  }
}
