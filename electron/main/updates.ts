import electronUpdater from 'electron-updater';
import { FIRST_CHECK_DELAY_MS, type UpdateFeed } from '../core/desktop/update-policy';
import type { Logger } from '../core/util/logger';

const { autoUpdater } = electronUpdater;

export interface UpdateEvents {
  available(version: string): void;
  downloaded(version: string): void;
}

/**
 * electron-updater on the feed of `[updates]` (core/desktop/update-policy.ts decides whether there
 * is one). It downloads in the background and installs only when `install()` is called, which the
 * quit controller does after the clean shutdown ("Restart to update").
 */
export function startUpdates(feed: UpdateFeed, events: UpdateEvents, logger: Logger): { install(): void } {
  autoUpdater.logger = {
    info: (message?: unknown) => logger.info(`updates: ${String(message)}`),
    warn: (message?: unknown) => logger.warn(`updates: ${String(message)}`),
    error: (message?: unknown) => logger.warn(`updates: ${String(message)}`),
    debug: () => undefined,
  };
  autoUpdater.autoDownload = feed.autoDownload;
  autoUpdater.autoInstallOnAppQuit = feed.autoInstallOnAppQuit;
  autoUpdater.setFeedURL({ provider: 'generic', url: feed.url, channel: feed.channel });
  if (feed.channel !== 'latest') autoUpdater.channel = feed.channel;
  autoUpdater.on('update-available', (info) => events.available(info.version));
  autoUpdater.on('update-downloaded', (info) => events.downloaded(info.version));
  autoUpdater.on('error', (error) => logger.warn(`could not look for updates: ${error.message}`));
  const check = () => {
    autoUpdater.checkForUpdates().catch(() => undefined);
  };
  setTimeout(check, FIRST_CHECK_DELAY_MS).unref();
  setInterval(check, feed.checkEveryMs).unref();
  return { install: () => autoUpdater.quitAndInstall(false, true) };
}
