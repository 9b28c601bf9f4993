/**
 * The real OS keychain through keytar. CI runs the suite under `dbus-run-session` with
 * `gnome-keyring-daemon --unlock`; where no secret service answers, the test is skipped and says why.
 * Entries go under a random service name and are removed afterwards.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createSecretStore } from '../../../electron/core/secrets/create-secret-store';
import { loadKeytarBackend } from '../../../electron/core/secrets/keytar-backend';
import { SecretStore } from '../../../electron/core/secrets/secret-store';
import { makeTempDir } from '../../helpers/test-core';

const SERVICE = `Wapidesk-test-${randomBytes(8).toString('hex')}`;
const OTHER_SERVICE = `${SERVICE}-other`;

const loaded = await loadKeytarBackend(SERVICE);
const skipReason =
  'reason' in loaded
    ? `no keychain: ${loaded.reason}. Run under dbus-run-session with gnome-keyring-daemon --unlock to exercise it.`
    : null;
if (skipReason) console.warn(`keychain.test.ts skipped: ${skipReason}`);

/** keytar itself, to look at the keychain behind the core's back. */
async function keytar(): Promise<KeytarApi> {
  // A variable: keytar is optional and its types may be missing where it did not build.
  const name = 'keytar';
  const module = (await import(/* @vite-ignore */ name)) as KeytarApi & { default?: KeytarApi };
  return module.default ?? module;
}

interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

afterAll(async () => {
  if (skipReason) return;
  const k = await keytar();
  for (const service of [SERVICE, OTHER_SERVICE]) {
    for (const { account } of await k.findCredentials(service)) await k.deletePassword(service, account);
  }
  expect(await k.findCredentials(SERVICE)).toEqual([]);
});

describe('the keychain backend', () => {
  it.skipIf(skipReason !== null)(
    'keeps, reads, replaces and deletes WhatsApp secrets in the OS keychain',
    async () => {
      if (!('backend' in loaded)) throw new Error('unreachable: skipped without a keychain');
      const store = new SecretStore(loaded.backend, {});
      expect(store.status()).toMatchObject({ backend: 'keychain', writable: true });

      const token = `EAAG${randomBytes(24).toString('base64url')}`;
      await store.set('access_token', token);
      await store.set('app_secret', 'app-secret-value');
      expect(await store.get('access_token')).toBe(token);

      // It lives in the OS keychain, not in this object: keytar sees it, and so does a second load.
      const k = await keytar();
      const accounts = (await k.findCredentials(SERVICE)).map((c) => c.account).sort();
      expect(accounts).toEqual(['access_token', 'app_secret']);
      expect(await k.getPassword(SERVICE, 'access_token')).toBe(token);
      const again = await loadKeytarBackend(SERVICE);
      expect('backend' in again && (await again.backend.get('access_token'))).toBe(token);

      // Another service name sees nothing of it.
      const other = await loadKeytarBackend(OTHER_SERVICE);
      expect('backend' in other && (await other.backend.get('access_token'))).toBeNull();

      // An environment variable still wins over the keychain.
      expect(
        await new SecretStore(loaded.backend, { WAPIDESK_ACCESS_TOKEN: 'from-env' }).get('access_token'),
      ).toBe('from-env');

      await store.set('access_token', 'replaced-token');
      expect(await k.getPassword(SERVICE, 'access_token')).toBe('replaced-token');

      await store.delete('access_token');
      expect(await store.get('access_token')).toBeNull();
      expect((await k.findCredentials(SERVICE)).map((c) => c.account)).toEqual(['app_secret']);
    },
  );

  it.skipIf(skipReason !== null)('is what createSecretStore picks when the keychain answers', async () => {
    const dataDir = makeTempDir();
    const store = await createSecretStore({ dataDir, env: {}, keychainService: SERVICE }).finally(() =>
      rmSync(dataDir, { recursive: true, force: true }),
    );
    expect(store.status().backend).toBe('keychain');
    await store.set('verify_token', 'verify-through-create');
    expect(await (await keytar()).getPassword(SERVICE, 'verify_token')).toBe('verify-through-create');
  });
});
