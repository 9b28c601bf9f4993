/**
 * Reloads a page's figures when events say they changed, without ever asking faster than the core
 * answers: events are merged into one reload, a reload never starts while one is running (an event
 * meanwhile schedules one more after it), and the wait before the next grows with how long the last
 * one took, so a page whose figures take 300 ms to count (a 100,000-recipient campaign) keeps the
 * core busy a fifth of the time at most instead of queueing a reload every second.
 */
export interface PacedRefreshOptions {
  /** The shortest wait after an event. */
  minimumMs: number;
  /** The longest wait, however slow the last reload was. */
  maximumMs: number;
  /** The wait is at least this many times the last reload's duration. */
  factor: number;
  now?: () => number;
}

export class PacedRefresh {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private again = false;
  private lastDurationMs = 0;
  private disposed = false;
  private readonly now: () => number;

  constructor(
    private readonly load: () => Promise<unknown>,
    private readonly options: PacedRefreshOptions = { minimumMs: 1000, maximumMs: 10_000, factor: 4 },
  ) {
    this.now = options.now ?? (() => Date.now());
  }

  /** Something changed: reload soon. */
  poke(): void {
    if (this.disposed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.timer ??= setTimeout(() => void this.run(), this.delayMs());
  }

  /** How long the next poke waits before reloading. */
  delayMs(): number {
    const { minimumMs, maximumMs, factor } = this.options;
    return Math.min(maximumMs, Math.max(minimumMs, this.lastDurationMs * factor));
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async run(): Promise<void> {
    this.timer = undefined;
    this.running = true;
    const started = this.now();
    try {
      await this.load();
    } catch {
      // The page shows its own error; the next event tries again.
    } finally {
      this.lastDurationMs = this.now() - started;
      this.running = false;
    }
    if (this.again) {
      this.again = false;
      this.poke();
    }
  }
}
