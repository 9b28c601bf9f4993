import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';

export type CloudflaredLookup = { path: string } | { problem: string };

export const CLOUDFLARED_MISSING =
  'cloudflared is not installed: install it from Cloudflare (developers.cloudflare.com, "Downloads"), or set where it is in Settings';

/**
 * The cloudflared program: the configured path when there is one, else the first `cloudflared` (with
 * Windows' extensions) on PATH that is a file this process may run.
 */
export async function findCloudflared(
  configured: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Promise<CloudflaredLookup> {
  const given = configured.trim();
  if (given) {
    if (!isAbsolute(given)) return { problem: `The cloudflared path must be a full path, not "${given}"` };
    return (await runnable(given, platform))
      ? { path: given }
      : { problem: `There is no cloudflared program Wapidesk may run at ${given}` };
  }
  const names =
    platform === 'win32'
      ? (env.PATHEXT ?? '.EXE;.CMD;.BAT')
          .split(';')
          .filter(Boolean)
          .map((ext) => `cloudflared${ext.toLowerCase()}`)
      : ['cloudflared'];
  const folders = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  for (const folder of folders) {
    for (const name of names) {
      const candidate = join(folder, name);
      if (await runnable(candidate, platform)) return { path: candidate };
    }
  }
  return { problem: CLOUDFLARED_MISSING };
}

async function runnable(path: string, platform: NodeJS.Platform): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    await access(path, platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
