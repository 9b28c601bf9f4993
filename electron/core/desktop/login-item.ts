import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The argument a login start passes, so the app opens in the tray without a window. */
export const HIDDEN_ARGUMENT = '--hidden';

/** Whether this start should stay in the tray: launched at login (`--hidden`, or macOS says so). */
export function startsHidden(argv: readonly string[], wasOpenedAtLogin = false): boolean {
  return wasOpenedAtLogin || argv.includes(HIDDEN_ARGUMENT);
}

/**
 * Starting the app when the user logs in. macOS and Windows have `app.setLoginItemSettings`
 * (electron/main/login-item.ts); Linux has the XDG autostart folder, written here.
 */
export interface LoginItem {
  /** False where this build cannot register itself (a development build run from the sources). */
  readonly available: boolean;
  isEnabled(): boolean;
  setEnabled(enabled: boolean): void;
}

export const UNAVAILABLE_LOGIN_ITEM: LoginItem = {
  available: false,
  isEnabled: () => false,
  setEnabled: () => {
    throw new Error('Starting at login is only available in the installed app');
  },
};

/** The autostart folder of the XDG spec: `$XDG_CONFIG_HOME/autostart`, else `~/.config/autostart`. */
export function xdgAutostartDir(env: NodeJS.ProcessEnv = process.env): string {
  const configHome = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : null;
  return join(configHome ?? join(homedir(), '.config'), 'autostart');
}

/**
 * One argument of a desktop entry's Exec key: quoted when it holds anything but plain characters,
 * with the characters the spec reserves inside quotes escaped, and `%` doubled (field codes).
 */
export function quoteExecArgument(argument: string): string {
  const escaped = argument.replace(/%/g, '%%');
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(escaped)) return escaped;
  return `"${escaped.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function autostartEntry(name: string, executable: string, args: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${name}`,
    `Exec=${[executable, ...args].map(quoteExecArgument).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Linux: a desktop entry in the autostart folder that starts `executable` hidden. For an AppImage
 * the executable is the AppImage file itself (`$APPIMAGE`), not the mount point that changes at
 * every start.
 */
export function xdgLoginItem(options: {
  autostartDir: string;
  fileName: string;
  name: string;
  executable: string;
}): LoginItem {
  const file = join(options.autostartDir, options.fileName);
  const entry = autostartEntry(options.name, options.executable, [HIDDEN_ARGUMENT]);
  return {
    available: true,
    isEnabled: () => existsSync(file) && readFileSync(file, 'utf8') === entry,
    setEnabled(enabled) {
      if (!enabled) {
        rmSync(file, { force: true });
        return;
      }
      mkdirSync(options.autostartDir, { recursive: true });
      writeFileSync(file, entry, { mode: 0o644 });
    },
  };
}
