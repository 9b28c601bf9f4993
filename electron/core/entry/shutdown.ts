import type { Core } from '../create-core';
import type { Listening } from '../server/listen';
import type { Logger } from '../util/logger';
import type { PublicSide } from './start-public-side';

/** How long a quit waits for WhatsApp to answer the requests already sent. */
export const SHUTDOWN_WAIT_MS = 10_000;

export interface RunningApp {
  core: Core;
  publicSide: PublicSide | null;
  /** Headless mode's UI bridge. */
  bridge?: Listening | null;
}

/**
 * A quit that finishes what it started, for headless mode (SIGTERM, SIGINT) and the Electron
 * shell (window, tray, menu, OS logout) alike:
 * 1. nothing new is sent: the scheduler and the campaign runner stop taking rows;
 * 2. requests already sent get their answer (bounded by `waitMs`), so their rows end `sent` or
 *    `failed` rather than `sending` (which would become `unconfirmed` at the next start);
 * 3. webhooks stored but not applied stay stored; the listeners, WhatsApp and the database close.
 * Resolves with whether everything in flight was answered in time.
 */
export async function shutdown(
  app: RunningApp,
  logger: Logger,
  waitMs = SHUTDOWN_WAIT_MS,
): Promise<{ clean: boolean }> {
  const stopped = app.core.services.campaigns.stopSending().then(() => true);
  const timedOut = new Promise<false>((resolve) => setTimeout(() => resolve(false), waitMs).unref());
  const clean = await Promise.race([stopped, timedOut]);
  if (!clean) {
    logger.warn(
      `quitting after ${Math.round(waitMs / 1000)} s without WhatsApp's answer to every message in flight: ` +
        'those will show as unconfirmed until their status arrives',
    );
  }
  await Promise.allSettled([app.bridge?.close(), app.publicSide?.stop()]);
  await app.core.close();
  return { clean };
}
