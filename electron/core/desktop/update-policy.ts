import type { AppConfig } from '../config/schema';

/** What electron/main/updates.ts gives electron-updater, or null: updates are off. */
export interface UpdateFeed {
  /** electron-builder's generic provider: the folder holding latest.yml and the installers. */
  url: string;
  channel: string;
  checkEveryMs: number;
  /** Downloads happen in the background; installing waits for the user (see below). */
  autoDownload: true;
  autoInstallOnAppQuit: false;
}

/**
 * Updates are off unless `[updates] feed_url` names a feed, and only in the installed app (a
 * development build has nothing to replace). A new version is downloaded quietly and then offered:
 * "Restart to update" in the tray and a notification. It is never installed on its own, so a
 * campaign is never stopped by an update; restarting asks first when one is running (quit-plan.ts).
 */
export function updateFeed(config: AppConfig['updates'], isPackaged: boolean): UpdateFeed | null {
  if (!isPackaged || config.feed_url === '') return null;
  return {
    url: config.feed_url,
    channel: config.channel,
    checkEveryMs: config.check_every_hours * 3_600_000,
    autoDownload: true,
    autoInstallOnAppQuit: false,
  };
}

/** The first check waits a little after start, so it never competes with resuming campaigns. */
export const FIRST_CHECK_DELAY_MS = 60_000;
