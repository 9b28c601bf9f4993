import type { Core } from '../../../electron/core/create-core';
import {
  DesktopMonitor,
  type DesktopMonitorOptions,
  type DesktopShell,
} from '../../../electron/core/desktop/desktop-monitor';
import { DesktopPreferencesStore } from '../../../electron/core/desktop/desktop-preferences';
import type { Notice } from '../../../electron/core/desktop/notifications/notice';
import type { TrayModel } from '../../../electron/core/desktop/tray-model';
import { CapturingLogger } from '../../helpers/logger';

/** The Electron shell's part, recorded: what the tray drew and which notifications were shown. */
export class RecordingShell implements DesktopShell {
  readonly notices: (Notice & { sound: boolean })[] = [];
  readonly models: TrayModel[] = [];
  focused = false;

  showStatus(model: TrayModel): void {
    this.models.push(model);
  }

  showNotice(notice: Notice, options: { sound: boolean }): void {
    this.notices.push({ ...notice, sound: options.sound });
  }

  windowFocused(): boolean {
    return this.focused;
  }

  kinds(): string[] {
    return this.notices.map((n) => n.kind);
  }
}

export interface DesktopUnderTest {
  monitor: DesktopMonitor;
  shell: RecordingShell;
  preferences: DesktopPreferencesStore;
}

/** A desktop monitor over `core` as the Electron shell starts it, with a recording shell. */
export async function startDesktop(
  core: Core,
  options: Partial<Omit<DesktopMonitorOptions, 'core' | 'shell' | 'preferences'>> = {},
): Promise<DesktopUnderTest> {
  const shell = new RecordingShell();
  const preferences = DesktopPreferencesStore.inDataFolder(core.dataDir, new CapturingLogger());
  const monitor = new DesktopMonitor({
    core,
    preferences,
    shell,
    unread: null,
    pollMs: 3_600_000,
    redrawMs: 10,
    ...options,
  });
  await monitor.start();
  return { monitor, shell, preferences };
}

/** Polls `check` until it holds (the runner and the webhooks work in the background). */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
