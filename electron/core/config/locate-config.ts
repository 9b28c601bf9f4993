import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the config comes from: `--config FILE` when given, else `config.toml` in the data folder,
 * where the bundled, commented default is copied on first run so the owner has one file to edit.
 */
export function locateConfig(options: { configArg?: string; dataDir: string; bundledDefault: string }): {
  path: string;
  createdFromDefault: boolean;
} {
  if (options.configArg) return { path: options.configArg, createdFromDefault: false };
  mkdirSync(options.dataDir, { recursive: true });
  const path = join(options.dataDir, 'config.toml');
  if (existsSync(path)) return { path, createdFromDefault: false };
  copyFileSync(options.bundledDefault, path);
  return { path, createdFromDefault: true };
}
