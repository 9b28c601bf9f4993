import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { createSecretStore } from '../../../electron/core/secrets/create-secret-store';
import { encryptedFileBackend, type Encryptor } from '../../../electron/core/secrets/encrypted-file-backend';
import { loadKeytarBackend } from '../../../electron/core/secrets/keytar-backend';
import {
  SECRET_ENV_VARS,
  SECRET_NAMES,
  SecretStore,
  type SecretBackend,
  type SecretName,
} from '../../../electron/core/secrets/secret-store';
import { makeTempDir } from '../../helpers/test-core';

/** A keychain held in memory. */
function memoryBackend(initial: Partial<Record<SecretName, string>> = {}): SecretBackend {
  const values = new Map<SecretName, string>(Object.entries(initial) as [SecretName, string][]);
  return {
    kind: 'keychain',
    get: async (name) => values.get(name) ?? null,
    set: async (name, value) => void values.set(name, value),
    delete: async (name) => void values.delete(name),
  };
}

/** Stands in for Electron's safeStorage: AES-256-GCM under a key that never leaves the test. */
function fakeEncryptor(): Encryptor & { calls: number } {
  const key = randomBytes(32);
  const encryptor = {
    calls: 0,
    async encrypt(plainText: string) {
      encryptor.calls += 1;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    async decrypt(data: Buffer) {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
  return encryptor;
}

describe('SecretStore precedence', () => {
  it('takes a secret from its environment variable before the backend', async () => {
    const store = new SecretStore(memoryBackend({ access_token: 'from-keychain' }), {
      WAPIDESK_ACCESS_TOKEN: 'from-env',
    });
    expect(await store.get('access_token')).toBe('from-env');
  });

  it('falls back to the backend when the variable is unset or empty', async () => {
    const backend = memoryBackend({ app_secret: 'kept-secret', verify_token: 'kept-verify' });
    const store = new SecretStore(backend, { WAPIDESK_VERIFY_TOKEN: '' });
    expect(await store.get('app_secret')).toBe('kept-secret');
    expect(await store.get('verify_token')).toBe('kept-verify');
    expect(await store.get('access_token')).toBeNull();
    expect(await store.has('access_token')).toBe(false);
    expect(await store.has('app_secret')).toBe(true);
  });

  it('maps each secret to its own variable', async () => {
    const env = Object.fromEntries(SECRET_NAMES.map((name) => [SECRET_ENV_VARS[name], `env-${name}`]));
    const store = new SecretStore(null, env);
    for (const name of SECRET_NAMES) expect(await store.get(name)).toBe(`env-${name}`);
    expect(Object.values(SECRET_ENV_VARS).sort()).toEqual([
      'WAPIDESK_ACCESS_TOKEN',
      'WAPIDESK_APP_SECRET',
      'WAPIDESK_NGROK_AUTHTOKEN',
      'WAPIDESK_VERIFY_TOKEN',
    ]);
  });

  it('keeps a value set in the app behind a variable that is set', async () => {
    const store = new SecretStore(memoryBackend(), { WAPIDESK_APP_SECRET: 'env-wins' });
    await store.set('app_secret', 'typed-in-settings');
    expect(await store.get('app_secret')).toBe('env-wins');
  });
});

describe('SecretStore reads the keychain once', () => {
  /** The memory keychain, counting its reads, with a way to change it behind the app's back. */
  function countingBackend(initial: Partial<Record<SecretName, string>>) {
    const inner = memoryBackend(initial);
    const counted = {
      ...inner,
      reads: 0,
      get: async (name: SecretName) => (counted.reads++, inner.get(name)),
    };
    return counted;
  }

  it('answers every webhook and Graph request from memory after the first read', async () => {
    const backend = countingBackend({ app_secret: 'one', access_token: 'token' });
    const store = new SecretStore(backend, {});
    for (let i = 0; i < 1000; i++) expect(await store.get('app_secret')).toBe('one');
    expect(await store.get('access_token')).toBe('token');
    expect(await store.get('verify_token')).toBeNull();
    expect(await store.get('verify_token')).toBeNull();
    expect(backend.reads).toBe(3);
  });

  it('stays right through the app’s own changes', async () => {
    const backend = countingBackend({ app_secret: 'one' });
    const store = new SecretStore(backend, {});
    expect(await store.get('app_secret')).toBe('one');
    await store.set('app_secret', 'two');
    expect(await store.get('app_secret')).toBe('two');
    await store.delete('app_secret');
    expect(await store.get('app_secret')).toBeNull();
    // A read that began before a change does not put the old value back.
    await store.set('access_token', 'old');
    await store.fresh('access_token');
    const slow = store.fresh('access_token');
    await store.set('access_token', 'new');
    await slow;
    expect(await store.get('access_token')).toBe('new');
  });

  it('reads a change made outside the app when asked for a fresh value', async () => {
    const backend = countingBackend({ app_secret: 'one' });
    const store = new SecretStore(backend, {});
    expect(await store.get('app_secret')).toBe('one');
    await backend.set('app_secret', 'rotated');
    expect(await store.get('app_secret')).toBe('one');
    expect(await store.fresh('app_secret')).toBe('rotated');
    expect(await store.get('app_secret')).toBe('rotated');
  });
});

describe('SecretStore without a keychain (environment only)', () => {
  it('says so, names the three variables and gives the reason', () => {
    const status = new SecretStore(null, {}, 'the keychain did not answer: no D-Bus').status();
    expect(status.backend).toBe('environment');
    expect(status.writable).toBe(false);
    for (const name of ['WAPIDESK_ACCESS_TOKEN', 'WAPIDESK_APP_SECRET', 'WAPIDESK_VERIFY_TOKEN']) {
      expect(status.message).toContain(name);
    }
    expect(status.message).toContain('the keychain did not answer: no D-Bus');
  });

  it('refuses set() with a typed CONFLICT carrying that message', async () => {
    const store = new SecretStore(null, {});
    const error = await store.set('access_token', 'EAAB-secret').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CONFLICT');
    expect((error as AppError).message).toBe(store.status().message);
    expect((error as AppError).message).not.toContain('EAAB-secret');
    expect(await store.get('access_token')).toBeNull();
  });

  it('still reads the environment and lets delete() pass quietly', async () => {
    const store = new SecretStore(null, { WAPIDESK_ACCESS_TOKEN: 'env-token' });
    await expect(store.delete('access_token')).resolves.toBeUndefined();
    expect(await store.get('access_token')).toBe('env-token');
  });
});

describe('encrypted-file backend', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips secrets through a file that never holds them in clear', async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const file = join(dir, 'secrets.enc.json');
    const encryptor = fakeEncryptor();
    const store = new SecretStore(encryptedFileBackend(file, encryptor), {});
    const secret = 'EAAGm0PX4ZCpsBAK-very-secret-token';

    expect(await store.get('access_token')).toBeNull();
    await store.set('access_token', secret);
    await store.set('verify_token', 'verify-me-please');
    expect(await store.get('access_token')).toBe(secret);
    expect(encryptor.calls).toBe(2);

    const onDisk = readFileSync(file, 'utf8');
    expect(onDisk).not.toContain(secret);
    expect(onDisk).not.toContain(Buffer.from(secret).toString('base64'));
    expect(onDisk).not.toContain('verify-me-please');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['secrets.enc.json']);

    // Another start of the app, same file and same OS key: the secret is still there.
    const again = new SecretStore(encryptedFileBackend(file, encryptor), {});
    expect(await again.get('access_token')).toBe(secret);

    await again.delete('access_token');
    // Read from the file again (a store keeps what it read in memory: `store` is another run's).
    expect(await store.fresh('access_token')).toBeNull();
    expect(await store.fresh('verify_token')).toBe('verify-me-please');
  });

  it('reports itself as a writable encrypted file', () => {
    const store = new SecretStore(encryptedFileBackend('/nonexistent/x.json', fakeEncryptor()), {});
    expect(store.status()).toMatchObject({ backend: 'encrypted-file', writable: true });
  });
});

describe('createSecretStore', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('uses the keychain when it answers, else the encrypted file, else the environment', async () => {
    const service = `Wapidesk-test-${randomBytes(6).toString('hex')}`;
    const keychain = await loadKeytarBackend(service);
    const dataDir = makeTempDir();
    dirs.push(dataDir);
    const withFile = await createSecretStore({
      dataDir,
      encryptor: fakeEncryptor(),
      env: {},
      keychainService: service,
    });
    const bare = await createSecretStore({ dataDir, env: {}, keychainService: service });
    if ('backend' in keychain) {
      expect(withFile.status().backend).toBe('keychain');
      expect(bare.status().backend).toBe('keychain');
    } else {
      expect(withFile.status().backend).toBe('encrypted-file');
      await withFile.set('app_secret', 'file-kept');
      expect(existsSync(join(dataDir, 'secrets.enc.json'))).toBe(true);
      expect(bare.status().backend).toBe('environment');
      expect(bare.status().message).toContain(keychain.reason);
    }
  });
});
