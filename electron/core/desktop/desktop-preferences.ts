import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../util/logger';
import { readJsonFile, writeJsonFile } from './json-file';

/**
 * This computer's preferences for the desktop app, kept in `desktop.json` in the data folder:
 * they belong to the machine the app runs on, not to the organization's database. Whether the app
 * starts at login is not stored here: the operating system's login items are the truth for that.
 */
export const desktopPreferencesSchema = z.object({
  doNotDisturb: z.boolean().default(false),
  notificationSound: z.boolean().default(true),
  /**
   * Who this computer notifies: the last user to sign in here, kept after the window closes or the
   * session expires (so the morning's notifications still come), cleared when they sign out.
   */
  notifyUserId: z.number().int().positive().nullable().default(null),
  /** "Wapidesk keeps running in the tray" has been said (it is said once). */
  trayHintShown: z.boolean().default(false),
});

export type DesktopPreferences = z.output<typeof desktopPreferencesSchema>;

export const DESKTOP_PREFERENCES_FILE = 'desktop.json';

export class DesktopPreferencesStore {
  private current: DesktopPreferences;
  private readonly listeners = new Set<(preferences: DesktopPreferences) => void>();

  constructor(
    private readonly file: string,
    logger: Logger,
  ) {
    const { value, problem } = readJsonFile(file, desktopPreferencesSchema);
    if (problem) logger.warn(problem);
    this.current = value;
  }

  static inDataFolder(dataDir: string, logger: Logger): DesktopPreferencesStore {
    return new DesktopPreferencesStore(join(dataDir, DESKTOP_PREFERENCES_FILE), logger);
  }

  get(): DesktopPreferences {
    return { ...this.current };
  }

  /** Changes some preferences, saves them, and tells whoever listens (the tray, the notifier). */
  update(patch: Partial<DesktopPreferences>): DesktopPreferences {
    const next = desktopPreferencesSchema.parse({ ...this.current, ...patch });
    if (JSON.stringify(next) === JSON.stringify(this.current)) return this.get();
    writeJsonFile(this.file, next);
    this.current = next;
    for (const listener of this.listeners) listener(this.get());
    return this.get();
  }

  onChange(listener: (preferences: DesktopPreferences) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
