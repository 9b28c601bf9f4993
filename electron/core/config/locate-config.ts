import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateFolder } from './private-folder';

/**
 * Where the config comes from: `--config FILE` when given, else `config.toml` in the data folder,
 * where the bundled, commented default is copied on first run so the owner has one file to edit.
 * Every start (the app, headless mode, the CLI) comes through here first, so this is where the data
 * folder is made, or made private again (0700).
 */
export function locateConfig(options: { configArg?: string; dataDir: string; bundledDefault: string }): {
  path: string;
  createdFromDefault: boolean;
} {
  ensurePrivateFolder(options.dataDir);
  if (options.configArg) return { path: options.configArg, createdFromDefault: false };
  const path = join(options.dataDir, 'config.toml');
  if (existsSync(path)) return { path, createdFromDefault: false };
  copyFileSync(options.bundledDefault, path);
  return { path, createdFromDefault: true };
}
