import { readFile, rename, writeFile } from 'node:fs/promises';
import type { SecretBackend, SecretName } from './secret-store';

/** Encryption the OS offers (Electron's safeStorage); the core only sees this interface. */
export interface Encryptor {
  encrypt(plainText: string): Promise<Buffer>;
  decrypt(cipher: Buffer): Promise<string>;
}

/** Secrets in one JSON file of OS-encrypted values, for when keytar cannot be used. */
export function encryptedFileBackend(file: string, encryptor: Encryptor): SecretBackend {
  async function readAll(): Promise<Record<string, string>> {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
  }
  async function writeAll(values: Record<string, string>): Promise<void> {
    // Write then rename, so a crash never leaves half a file.
    const temp = `${file}.tmp`;
    await writeFile(temp, JSON.stringify(values), { mode: 0o600 });
    await rename(temp, file);
  }
  return {
    kind: 'encrypted-file',
    async get(name: SecretName) {
      const stored = (await readAll())[name];
      return stored ? encryptor.decrypt(Buffer.from(stored, 'base64')) : null;
    },
    async set(name: SecretName, value: string) {
      const all = await readAll();
      all[name] = (await encryptor.encrypt(value)).toString('base64');
      await writeAll(all);
    },
    async delete(name: SecretName) {
      const all = await readAll();
      delete all[name];
      await writeAll(all);
    },
  };
}
