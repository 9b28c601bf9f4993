import { describe, expect, it } from 'vitest';
import { FREE_ATTEMPTS, lockoutSeconds } from '../../../electron/core/auth/lockout';
import { PasswordHasher, PRODUCTION_COST } from '../../../electron/core/auth/password';
import { createCore } from '../../../electron/core/create-core';
import { loadConfig } from '../../../electron/core/config/load-config';
import { SecretStore } from '../../../electron/core/secrets/secret-store';
import { makeTempDir, writeTestConfig } from '../../helpers/test-core';
import { UserEntity } from '../../../electron/core/db/entities/user';
import { rmSync } from 'node:fs';

/** Production's cost, as every install uses it (the rest of the suite hashes at a small cost). */
const production = new PasswordHasher();
const hashPassword = (password: string) => production.hash(password);
const verifyPassword = (password: string, stored: string) => production.verify(password, stored);

describe('password hashing', () => {
  it('stores scrypt with its parameters and a salt, never the password', async () => {
    const password = 'correct horse battery';
    const hash = await hashPassword(password);
    const [scheme, n, r, p, salt, key, ...rest] = hash.split('$');
    expect(scheme).toBe('scrypt');
    expect(Number(n)).toBeGreaterThanOrEqual(2 ** 15);
    expect(Number(r)).toBeGreaterThanOrEqual(8);
    expect(Number(p)).toBeGreaterThanOrEqual(1);
    expect(Buffer.from(salt!, 'base64').length).toBeGreaterThanOrEqual(16);
    expect(Buffer.from(key!, 'base64').length).toBeGreaterThanOrEqual(32);
    expect(rest).toEqual([]);
    expect(hash).not.toContain(password);
    expect(hash).not.toContain(Buffer.from(password).toString('base64'));
  });

  it('salts every hash, so one password gives two different hashes that both verify', async () => {
    const [a, b] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same password', b)).toBe(true);
  });

  it('refuses a wrong password, a near miss and a malformed stored value', async () => {
    const hash = await hashPassword('open sesame 42');
    expect(await verifyPassword('open sesame 43', hash)).toBe(false);
    expect(await verifyPassword('Open sesame 42', hash)).toBe(false);
    expect(await verifyPassword('open sesame 42', 'open sesame 42')).toBe(false);
    expect(await verifyPassword('open sesame 42', 'bcrypt$x$y')).toBe(false);
  });

  it('accepts the same password typed with another Unicode normalization', async () => {
    const composed = 'caf\u00e9-password';
    const decomposed = 'cafe\u0301-password';
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
  });
});

describe('the cost', () => {
  it('a core made without a cost hashes at production’s: the super admin’s hash says N=2^15, r=8, p=1', async () => {
    const dataDir = makeTempDir();
    const core = await createCore({
      config: loadConfig(writeTestConfig(dataDir)),
      dataDir,
      secrets: new SecretStore(null, {}),
    });
    try {
      expect(core.ctx.passwords.cost).toEqual(PRODUCTION_COST);
      const owner = await core.ctx.db.getRepository(UserEntity).findOneByOrFail({ kind: 'super_admin' });
      expect(owner.passwordHash.split('$').slice(0, 4)).toEqual(['scrypt', '32768', '8', '1']);
    } finally {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a hash made at a small cost still verifies under the production hasher (its parameters travel with it)', async () => {
    const cheap = new PasswordHasher({ N: 2 ** 10, r: 8, p: 1 });
    expect(await production.verify('test password 1', await cheap.hash('test password 1'))).toBe(true);
  });
});

describe('lockout waits', () => {
  it('lets the first four failures through without a wait', () => {
    expect(FREE_ATTEMPTS).toBe(5);
    for (let failures = 0; failures < FREE_ATTEMPTS; failures++) expect(lockoutSeconds(failures)).toBe(0);
  });

  it('waits 30 s at the fifth failure and doubles with each further one', () => {
    expect([5, 6, 7, 8].map(lockoutSeconds)).toEqual([30, 60, 120, 240]);
  });

  it('never waits more than an hour', () => {
    expect(lockoutSeconds(11)).toBe(1920);
    expect(lockoutSeconds(12)).toBe(3600);
    expect(lockoutSeconds(13)).toBe(3600);
    expect(lockoutSeconds(500)).toBe(3600);
  });
});
