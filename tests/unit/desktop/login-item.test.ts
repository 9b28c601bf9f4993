import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  autostartEntry,
  quoteExecArgument,
  startsHidden,
  xdgAutostartDir,
  xdgLoginItem,
} from '../../../electron/core/desktop/login-item';
import { makeTempDir } from '../../helpers/test-core';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('starting at login', () => {
  it('starts hidden in the tray when launched at login, with a window otherwise', () => {
    expect(startsHidden(['/opt/Wapidesk/wapidesk', '--hidden'])).toBe(true);
    expect(startsHidden(['/opt/Wapidesk/wapidesk'], true)).toBe(true);
    expect(startsHidden(['/opt/Wapidesk/wapidesk', '--data-dir', '/tmp/x'])).toBe(false);
  });

  it('writes and removes an XDG autostart entry that starts the AppImage hidden', () => {
    dir = makeTempDir('wapidesk-autostart-');
    const autostartDir = join(dir, 'autostart');
    const item = xdgLoginItem({
      autostartDir,
      fileName: 'wapidesk.desktop',
      name: 'Wapidesk',
      executable: '/home/shop/Apps/Wapidesk 0.1.0.AppImage',
    });
    expect(item.isEnabled()).toBe(false);
    item.setEnabled(true);
    const file = join(autostartDir, 'wapidesk.desktop');
    const entry = readFileSync(file, 'utf8');
    expect(entry).toContain('[Desktop Entry]');
    expect(entry).toContain('Exec="/home/shop/Apps/Wapidesk 0.1.0.AppImage" --hidden');
    expect(item.isEnabled()).toBe(true);
    // The AppImage moved: the old entry no longer starts this copy.
    const moved = xdgLoginItem({
      autostartDir,
      fileName: 'wapidesk.desktop',
      name: 'Wapidesk',
      executable: '/opt/w',
    });
    expect(moved.isEnabled()).toBe(false);
    item.setEnabled(false);
    expect(existsSync(file)).toBe(false);
  });

  it('quotes Exec arguments as the desktop entry spec says', () => {
    expect(quoteExecArgument('/usr/bin/wapidesk')).toBe('/usr/bin/wapidesk');
    expect(quoteExecArgument('/a b/c')).toBe('"/a b/c"');
    expect(quoteExecArgument('/x/$HOME/"q"/`c`\\')).toBe('"/x/\\$HOME/\\"q\\"/\\`c\\`\\\\"');
    expect(quoteExecArgument('/x/100%')).toBe('/x/100%%');
    expect(autostartEntry('Wapidesk', '/usr/bin/w', ['--hidden'])).toMatch(/^Exec=\/usr\/bin\/w --hidden$/m);
  });

  it('finds the autostart folder from XDG_CONFIG_HOME, ignoring a relative one', () => {
    expect(xdgAutostartDir({ XDG_CONFIG_HOME: '/home/shop/.cfg' })).toBe('/home/shop/.cfg/autostart');
    expect(xdgAutostartDir({ XDG_CONFIG_HOME: 'relative' })).toMatch(/\.config\/autostart$/);
  });
});
