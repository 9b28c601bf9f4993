/**
 * The Electron shell's quit, with Electron replaced by small stand-ins (no binary here): every way
 * of quitting waits for the clean shutdown before the app exits, asks first when a campaign is
 * sending, and never shuts down twice.
 */
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SHUTDOWN_WAIT_MS } from '../../../electron/core/entry/shutdown';
import { silentLogger } from '../../../electron/core/util/logger';

const electron = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- vi.hoisted runs before imports
  const { EventEmitter: Emitter } = require('node:events') as typeof import('node:events');
  const app = Object.assign(new Emitter(), {
    exit: (_code?: number) => undefined as void,
    /** As Electron does: `before-quit`, then the quit unless a listener prevented it. */
    quit() {
      let prevented = false;
      app.emit('before-quit', { preventDefault: () => (prevented = true) });
      if (!prevented) app.exit(0);
    },
  });
  return {
    app,
    powerMonitor: new Emitter(),
    dialog: {
      showMessageBox: (..._args: unknown[]) => Promise.resolve({ response: 0, checkboxChecked: false }),
    },
  };
});
vi.mock('electron', () => electron);

const { QuitController } = await import('../../../electron/main/quit');

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

let running = 0;
let signals: EventEmitter;
let shutdowns: number[];
let finishShutdown: ReturnType<typeof deferred>;
let exits: number[];
let stopping: number;

beforeEach(() => {
  running = 0;
  shutdowns = [];
  exits = [];
  stopping = 0;
  finishShutdown = deferred();
  signals = new EventEmitter();
  electron.app.removeAllListeners();
  electron.powerMonitor.removeAllListeners();
  electron.app.exit = (code = 0) => void exits.push(code);
  const controller = new QuitController({
    runningCampaigns: () => running,
    window: () => null,
    stopping: () => void (stopping += 1),
    shutdown: (waitMs) => {
      shutdowns.push(waitMs);
      return finishShutdown.promise;
    },
    logger: silentLogger,
  });
  controller.install(signals as unknown as NodeJS.Process);
  controller.watchSystem();
});
afterEach(() => {
  // The system stop makes sure of the exit a moment later: no timer outlives its test.
  if (vi.isFakeTimers()) vi.runOnlyPendingTimers();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('QuitController', () => {
  it('Quit waits for the clean shutdown, then exits once', async () => {
    electron.app.quit();
    await tick();
    expect(shutdowns).toEqual([SHUTDOWN_WAIT_MS]);
    expect(stopping).toBe(1);
    expect(exits).toEqual([]);
    // Quitting again meanwhile (a second Cmd+Q) starts nothing new.
    electron.app.quit();
    await tick();
    expect(shutdowns).toHaveLength(1);
    finishShutdown.resolve();
    await tick();
    expect(exits).toEqual([0]);
  });

  it('asks first while a campaign is sending; "Keep running" keeps it running', async () => {
    running = 1;
    const ask = vi
      .spyOn(electron.dialog, 'showMessageBox')
      .mockResolvedValueOnce({ response: 1, checkboxChecked: false })
      .mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    electron.app.quit();
    await tick();
    expect(ask).toHaveBeenCalledTimes(1);
    expect(ask.mock.calls[0]!.at(-1)).toMatchObject({
      message: 'A campaign is sending. Quit anyway?',
      buttons: ['Quit', 'Keep running'],
      cancelId: 1,
      defaultId: 1,
    });
    expect(shutdowns).toEqual([]);
    expect(exits).toEqual([]);

    electron.app.quit();
    await tick();
    expect(ask).toHaveBeenCalledTimes(2);
    expect(shutdowns).toHaveLength(1);
    finishShutdown.resolve();
    await tick();
    expect(exits).toEqual([0]);
  });

  it('the system shutting down stops without a question, delays the system, and is quick', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    running = 3;
    const ask = vi.spyOn(electron.dialog, 'showMessageBox');
    const event = { preventDefault: vi.fn() };
    electron.powerMonitor.emit('shutdown', event);
    await tick();
    expect(event.preventDefault).toHaveBeenCalled();
    expect(ask).not.toHaveBeenCalled();
    expect(shutdowns).toHaveLength(1);
    expect(shutdowns[0]).toBeLessThan(5_000);
    finishShutdown.resolve();
    await tick();
    expect(exits).toEqual([0]);
  });

  it('the system ending the session while the question is open stops at once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    running = 1;
    let answer!: (value: { response: number; checkboxChecked: boolean }) => void;
    vi.spyOn(electron.dialog, 'showMessageBox').mockReturnValue(new Promise((resolve) => (answer = resolve)));
    electron.app.quit();
    await tick();
    expect(shutdowns).toEqual([]);
    electron.powerMonitor.emit('shutdown', { preventDefault() {} });
    await tick();
    expect(shutdowns).toHaveLength(1);
    answer({ response: 1, checkboxChecked: false });
    finishShutdown.resolve();
    await tick();
    expect(exits).toEqual([0]);
  });

  it('SIGTERM stops cleanly without asking', async () => {
    running = 2;
    const ask = vi.spyOn(electron.dialog, 'showMessageBox');
    signals.emit('SIGTERM');
    await tick();
    expect(ask).not.toHaveBeenCalled();
    expect(shutdowns).toEqual([SHUTDOWN_WAIT_MS]);
    finishShutdown.resolve();
    await tick();
    expect(exits).toEqual([0]);
  });

  it('exits anyway when closing hangs well past the wait', async () => {
    vi.useFakeTimers();
    electron.app.quit();
    await vi.advanceTimersByTimeAsync(SHUTDOWN_WAIT_MS);
    expect(exits).toEqual([]);
    await vi.advanceTimersByTimeAsync(6_000);
    expect(exits).toEqual([0]);
  });
});
