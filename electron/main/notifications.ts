import { Notification } from 'electron';
import type { Notice } from '../core/desktop/notifications/notice';
import { resourcePath } from './resources';

/** Notifications still on screen; a reference is kept so their click handler is not collected. */
const MAX_KEPT = 20;

/**
 * Native notifications, as the monitor decides them (core/desktop/notifications). A click opens
 * the window at the notice's route.
 */
export class NativeNotifications {
  private readonly live: Notification[] = [];

  constructor(private readonly open: (route: string) => void) {}

  show(notice: Notice, options: { sound: boolean }): void {
    if (!Notification.isSupported()) return;
    const notification = new Notification({
      title: notice.title,
      body: notice.body,
      silent: !options.sound,
      icon: process.platform === 'darwin' ? undefined : resourcePath('icons', 'icon-256.png'),
    });
    const forget = () => {
      const index = this.live.indexOf(notification);
      if (index >= 0) this.live.splice(index, 1);
    };
    notification.on('click', () => {
      forget();
      this.open(notice.route);
    });
    notification.on('close', forget);
    this.live.push(notification);
    if (this.live.length > MAX_KEPT) this.live.shift();
    notification.show();
  }

  /** Said once, the first time the window is closed. */
  keepsRunning(): void {
    this.show(
      {
        kind: 'tray.hint',
        title: 'Wapidesk is still running',
        body: 'Webhooks and campaigns carry on. Open it or quit from the Wapidesk icon in the tray.',
        route: '/',
        tag: 'tray-hint',
      },
      { sound: false },
    );
  }
}
