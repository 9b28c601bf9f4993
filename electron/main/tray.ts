import { app, Menu, Tray, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { TrayCommand, TrayItem, TrayModel } from '../core/desktop/tray-model';
import { icon } from './resources';

function menuItem(item: TrayItem, run: (command: TrayCommand) => void): MenuItemConstructorOptions {
  switch (item.type) {
    case 'separator':
      return { type: 'separator' };
    case 'label':
      return { label: item.label, enabled: false };
    case 'action':
      return { label: item.label, enabled: item.enabled, click: () => run(item.command) };
    case 'checkbox':
      return { label: item.label, type: 'checkbox', checked: item.checked, click: () => run(item.command) };
  }
}

/**
 * The tray icon (menu bar on macOS, notification area elsewhere) and the dock / taskbar badge,
 * drawn from the monitor's TrayModel (core/desktop/tray-model.ts). The menu is rebuilt only when
 * it changed.
 */
export class TrayView {
  private readonly tray: Tray;
  private lastMenu = '';
  private lastIcon = '';
  private lastBadge = -1;

  constructor(
    private readonly run: (command: TrayCommand) => void,
    private readonly window: () => BrowserWindow | null,
  ) {
    this.tray = new Tray(icon('tray-ok'));
    this.tray.setToolTip('Wapidesk');
    // Windows: a click opens the window, the right click shows the menu (macOS and Linux show it).
    if (process.platform === 'win32') this.tray.on('click', () => run({ kind: 'open' }));
  }

  show(model: TrayModel): void {
    if (this.tray.isDestroyed()) return;
    if (model.icon !== this.lastIcon) {
      this.tray.setImage(icon(`tray-${model.icon}`));
      this.lastIcon = model.icon;
    }
    this.tray.setToolTip(model.tooltip);
    if (process.platform === 'darwin') this.tray.setTitle(model.title);
    const menu = JSON.stringify(model.items);
    if (menu !== this.lastMenu) {
      this.tray.setContextMenu(Menu.buildFromTemplate(model.items.map((item) => menuItem(item, this.run))));
      this.lastMenu = menu;
    }
    this.badge(model.badge);
  }

  destroy(): void {
    if (!this.tray.isDestroyed()) this.tray.destroy();
  }

  /** The unread count on the dock (macOS), the launcher (Linux/Unity), or the taskbar (Windows). */
  private badge(count: number): void {
    if (count === this.lastBadge) return;
    this.lastBadge = count;
    if (process.platform === 'win32') {
      const window = this.window();
      window?.setOverlayIcon(count ? icon('badge') : null, count ? `${count} unread` : '');
    } else {
      app.setBadgeCount(count);
    }
  }
}
