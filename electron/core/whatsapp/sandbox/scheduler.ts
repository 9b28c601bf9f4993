/**
 * Timers and in-flight work of the sandbox, in one place so `close()` and `reset()` can cancel them
 * all, and `idle()` can tell a test when every scheduled status and webhook is done.
 */
export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly controller = new AbortController();
  private pending = 0;
  private waiters: (() => void)[] = [];

  /** A failing task is a sandbox bug: it is reported, and the other tasks carry on. */
  constructor(private readonly onTaskError: (error: unknown) => void = () => undefined) {}

  /** Aborted on close: in-flight webhook requests listen to it. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  after(delayMs: number, task: () => void | Promise<void>): void {
    if (this.controller.signal.aborted) return;
    this.pending++;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void Promise.resolve()
        .then(task)
        .catch(this.onTaskError)
        .finally(() => this.settle());
    }, delayMs);
    this.timers.add(timer);
  }

  /** Resolves once nothing is scheduled or running. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Drops every timer not yet fired (reset); work already running finishes. */
  cancelTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.pending -= this.timers.size;
    this.timers.clear();
    this.wakeIfIdle();
  }

  close(): void {
    this.controller.abort();
    this.cancelTimers();
  }

  private settle(): void {
    this.pending--;
    this.wakeIfIdle();
  }

  private wakeIfIdle(): void {
    if (this.pending > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
