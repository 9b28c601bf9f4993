import { app } from 'electron';
import {
  HIDDEN_ARGUMENT,
  UNAVAILABLE_LOGIN_ITEM,
  xdgAutostartDir,
  xdgLoginItem,
  type LoginItem,
} from '../core/desktop/login-item';

/**
 * Starting at login, hidden in the tray: the system's login items on macOS and Windows (Windows
 * passes --hidden; macOS says it opened the app at login), an XDG autostart entry on Linux. Only
 * the installed app can register itself.
 */
export function platformLoginItem(): LoginItem {
  if (!app.isPackaged) return UNAVAILABLE_LOGIN_ITEM;
  if (process.platform === 'linux') {
    return xdgLoginItem({
      autostartDir: xdgAutostartDir(),
      fileName: 'wapidesk.desktop',
      name: 'Wapidesk',
      // An AppImage runs from a new mount point each time: start the AppImage file itself.
      executable: process.env.APPIMAGE ?? process.execPath,
    });
  }
  const args = process.platform === 'win32' ? [HIDDEN_ARGUMENT] : [];
  return {
    available: true,
    isEnabled: () => app.getLoginItemSettings({ args }).openAtLogin,
    setEnabled: (enabled) => app.setLoginItemSettings({ openAtLogin: enabled, args }),
  };
}

/** macOS: whether this start was the login item's (Windows and Linux pass --hidden instead). */
export function openedAtLogin(): boolean {
  return process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
}
