import { chmodSync, mkdirSync, statSync } from 'node:fs';

/**
 * Makes the data folder private to the user who runs the app (0700): it holds the database, the
 * media library and the secrets file. Created so, and tightened at every start when it exists with
 * looser rights (made by hand, or by an older version). No-op on Windows, where the user profile's
 * ACLs already keep it private.
 */
export function ensurePrivateFolder(dir: string, platform: NodeJS.Platform = process.platform): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (platform === 'win32') return;
  if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
}
