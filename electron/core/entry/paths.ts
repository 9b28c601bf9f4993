import { homedir } from 'node:os';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_FOLDER_NAME = 'Wapidesk';

/** The folder Electron's `app.getPath('userData')` gives, so headless mode and the app share data. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER_NAME);
}

/**
 * The project folder (the one with package.json) above this module: electron/core/entry when run
 * from source with tsx, out/main when run from the built headless bundle.
 */
function projectRoot(start: string): string {
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    if (dirname(folder) === folder) return resolve(start, '../../..');
  }
}

export const SOURCE_ROOT = projectRoot(fileURLToPath(new URL('.', import.meta.url)));
