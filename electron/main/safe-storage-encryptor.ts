import { safeStorage } from 'electron';
import type { Encryptor } from '../core/secrets/encrypted-file-backend';

/** Electron's safeStorage through its asynchronous API (the synchronous one is deprecated). */
export async function safeStorageEncryptor(): Promise<Encryptor | undefined> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return undefined;
  return {
    encrypt: (plainText) => safeStorage.encryptStringAsync(plainText),
    decrypt: async (cipher) => (await safeStorage.decryptStringAsync(cipher)).result,
  };
}
