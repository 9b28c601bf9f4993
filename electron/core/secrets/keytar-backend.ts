import type { SecretBackend, SecretName } from './secret-store';

const SERVICE = 'Wapidesk';
/**
 * An optional dependency that fails to build where libsecret is missing: named through a variable
 * so neither the bundler nor the type checker needs it, and loaded only when asked for.
 */
const KEYTAR_MODULE = 'keytar';

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

/**
 * The OS keychain through keytar (an optional dependency). Resolves to the reason it cannot be used
 * when keytar did not install or no secret service answers (a Linux box without a keyring).
 */
export async function loadKeytarBackend(
  service = SERVICE,
): Promise<{ backend: SecretBackend } | { reason: string }> {
  let keytar: Keytar;
  try {
    const loaded = (await import(/* @vite-ignore */ KEYTAR_MODULE)) as Keytar & { default?: Keytar };
    keytar = loaded.default ?? loaded;
  } catch {
    return { reason: 'keytar is not installed' };
  }
  try {
    // A read proves the keychain answers before we promise to keep anything in it.
    await keytar.findCredentials(service);
  } catch (error) {
    return { reason: `the keychain did not answer: ${(error as Error).message}` };
  }
  return {
    backend: {
      kind: 'keychain',
      get: (name: SecretName) => keytar.getPassword(service, name),
      set: (name: SecretName, value: string) => keytar.setPassword(service, name, value),
      delete: async (name: SecretName) => {
        await keytar.deletePassword(service, name);
      },
    },
  };
}
