import { app, dialog, powerMonitor, type BrowserWindow } from 'electron';
import { quitPlan, type QuitTrigger } from '../core/desktop/quit-plan';
import type { Logger } from '../core/util/logger';

export interface QuitDeps {
  /** Campaigns sending now: what a quit would interrupt. */
  runningCampaigns(): number;
  /** The window to hang the question on (null: a free-standing dialog). */
  window(): BrowserWindow | null;
  /** The quit is decided: hide the window, say "stopping" in the tray. */
  stopping(): void;
  /** The clean shutdown of the core (stop sending, wait up to `waitMs` for answers, close). */
  shutdown(waitMs: number): Promise<void>;
  logger: Logger;
}

/** Beyond the wait for WhatsApp's answers, closing listeners and the database gets this long. */
const CLOSE_GRACE_MS = 5_000;

/**
 * Every way of quitting finishes what it started. Quit (menu, Cmd+Q, tray, dock) arrives as
 * `before-quit`, which is refused once; the quit plan may ask first when a campaign is sending;
 * then the core shuts down cleanly (core/entry/shutdown.ts) and only then does the app exit. The
 * system ending the session (Windows `session-end`, `powerMonitor` 'shutdown' on macOS and Linux)
 * and SIGTERM / SIGINT go the same way without a question.
 */
export class QuitController {
  private phase: 'running' | 'asking' | 'stopping' | 'done' = 'running';
  private finish: () => void = () => app.exit(0);

  constructor(private readonly deps: QuitDeps) {}

  /** Before `ready`: Quit, and signals (`signals` is the process; a test hands in its own emitter). */
  install(signals: Pick<NodeJS.Process, 'on'> = process): void {
    app.on('before-quit', (event) => {
      if (this.phase === 'done') return;
      event.preventDefault();
      void this.request('user');
    });
    for (const signal of ['SIGTERM', 'SIGINT'] as const)
      signals.on(signal, () => void this.request('signal'));
  }

  /**
   * Once ready (powerMonitor cannot be used before): the computer shutting down or restarting on
   * Linux and macOS. Preventing the event asks the system to wait while we finish.
   */
  watchSystem(): void {
    powerMonitor.on('shutdown', (event?: { preventDefault(): void }) => {
      event?.preventDefault();
      void this.request('system');
    });
  }

  /** Windows tells the window, not the app, that the session ends. */
  watchSessionEnd(window: BrowserWindow): void {
    window.on('session-end', () => void this.request('system'));
  }

  /** "Restart to update": the same clean stop, then the installer instead of a plain exit. */
  restartToUpdate(install: () => void): void {
    void this.request('update', install);
  }

  async request(trigger: QuitTrigger, finish?: () => void): Promise<void> {
    const urgent = trigger === 'system' || trigger === 'signal';
    if (this.phase === 'stopping' || this.phase === 'done') return;
    if (this.phase === 'asking' && !urgent) return;
    const plan = quitPlan(trigger, this.deps.runningCampaigns());
    if (plan.ask && this.phase === 'running') {
      this.phase = 'asking';
      const window = this.deps.window();
      const options = {
        type: 'question' as const,
        message: plan.ask.message,
        detail: plan.ask.detail,
        buttons: plan.ask.buttons,
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      };
      const { response } = await (window
        ? dialog.showMessageBox(window, options)
        : dialog.showMessageBox(options));
      // The system may have ended the session while the question was open: that stop won.
      if (this.phase !== 'asking') return;
      if (response !== 0) {
        this.phase = 'running';
        return;
      }
    }
    this.phase = 'stopping';
    if (finish) this.finish = finish;
    // The system asked to wait for us: quit the ordinary way (Electron then lets it go on), and
    // make sure of it a moment later.
    if (trigger === 'system') {
      this.finish = () => {
        app.quit();
        setTimeout(() => app.exit(0), 1_000).unref();
      };
    }
    this.deps.logger.info(`stopping (${trigger}): waiting for messages in flight`);
    this.deps.stopping();
    const gaveUp = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), plan.waitMs + CLOSE_GRACE_MS),
    );
    const result = await Promise.race([
      this.deps.shutdown(plan.waitMs).then(() => 'stopped' as const),
      gaveUp,
    ]).catch((error: unknown) => {
      this.deps.logger.error('the shutdown failed', error);
      return 'failed' as const;
    });
    if (result === 'timeout') this.deps.logger.warn('the shutdown took too long: quitting anyway');
    this.deps.logger.info('stopped');
    this.phase = 'done';
    this.finish();
  }
}
