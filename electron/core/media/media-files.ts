import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, realpath, rename, rm } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';

/** 32 random bytes in base64url (43 characters) and a short lower-case extension. */
export const STORAGE_NAME = /^[A-Za-z0-9_-]{43}\.[a-z0-9]{1,5}$/;
/** Meta's phone number ids are digits; anything else never becomes a folder name. */
export const PHONE_NUMBER_ID = /^\d{1,32}$/;

export function newStorageName(extension: string): string {
  return `${randomBytes(32).toString('base64url')}.${extension}`;
}

/**
 * The media folder of the data folder: `media/<phoneNumberId>/<storageName>`, one folder per phone
 * number as each number has its own library. Every path is built from checked names only and is
 * checked to stay inside the folder.
 */
export class MediaFiles {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = resolve(dataDir, 'media');
  }

  /** The file's path, or null when either name is not of our format or the path would leave the folder. */
  pathOf(phoneNumberId: string, storageName: string): string | null {
    if (!PHONE_NUMBER_ID.test(phoneNumberId) || !STORAGE_NAME.test(storageName)) return null;
    const path = resolve(this.root, phoneNumberId, storageName);
    return path.startsWith(this.root + sep) ? path : null;
  }

  /**
   * The real path of an existing file, after symbolic links, when it is still inside the real media
   * folder; null otherwise. What the /media/ route serves.
   */
  async existingPath(phoneNumberId: string, storageName: string): Promise<string | null> {
    const path = this.pathOf(phoneNumberId, storageName);
    if (!path) return null;
    try {
      const [real, root] = await Promise.all([realpath(path), realpath(this.root)]);
      return real.startsWith(root + sep) ? real : null;
    } catch {
      return null;
    }
  }

  /**
   * Writes to a temporary file beside the target, flushes it and renames it into place, so a
   * crash leaves either no file or the whole file, never a part of one under a real name.
   */
  async write(phoneNumberId: string, storageName: string, data: Buffer): Promise<void> {
    const path = this.pathOf(phoneNumberId, storageName);
    if (!path) throw new Error(`not a media path: ${phoneNumberId}/${storageName}`);
    await mkdir(join(this.root, phoneNumberId), { recursive: true });
    // A leading dot: never a valid storage name, so a leftover is never served.
    const temporary = join(this.root, phoneNumberId, `.${randomBytes(12).toString('hex')}.partial`);
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } catch (error) {
      await handle.close();
      await rm(temporary, { force: true });
      throw error;
    }
    await handle.close();
    try {
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async read(phoneNumberId: string, storageName: string): Promise<Buffer | null> {
    const path = this.pathOf(phoneNumberId, storageName);
    if (!path) return null;
    try {
      return await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Removes a stored file; one that is gone already is fine. */
  async remove(phoneNumberId: string, storageName: string): Promise<void> {
    const path = this.pathOf(phoneNumberId, storageName);
    if (path) await rm(path, { force: true });
  }
}
