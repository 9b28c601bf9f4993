import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_FOLDER_NAME = 'Wapidesk';

/** The folder Electron's `app.getPath('userData')` gives, so headless mode and the app share data. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER_NAME);
}

/** The repository root when running from source (tsx): two folders above electron/core/entry. */
export const SOURCE_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
