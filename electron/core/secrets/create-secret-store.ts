import { join } from 'node:path';
import { encryptedFileBackend, type Encryptor } from './encrypted-file-backend';
import { loadKeytarBackend } from './keytar-backend';
import { SecretStore } from './secret-store';

/**
 * keytar where it loads and answers; else, inside Electron, a file encrypted with safeStorage;
 * else (headless) only the environment variables.
 */
export async function createSecretStore(options: {
  dataDir: string;
  encryptor?: Encryptor;
  env?: NodeJS.ProcessEnv;
  keychainService?: string;
}): Promise<SecretStore> {
  const keytar = await loadKeytarBackend(options.keychainService);
  if ('backend' in keytar) return new SecretStore(keytar.backend, options.env);
  if (options.encryptor) {
    return new SecretStore(
      encryptedFileBackend(join(options.dataDir, 'secrets.enc.json'), options.encryptor),
      options.env,
    );
  }
  return new SecretStore(null, options.env, keytar.reason);
}
