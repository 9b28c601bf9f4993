import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { READER_CACHE_KIB } from '../../../electron/core/db/open-database';
import { fail, ok } from '../../helpers/dispatch';
import { addMember, addRole, signIn, signInOwner } from '../../helpers/people';
import { makeTempDir, makeTestCore, OWNER, type TestCore } from '../../helpers/test-core';

const FILE = 'wapidesk.sqlite';
let dataDir: string;
let first: TestCore;

beforeAll(async () => {
  dataDir = makeTempDir();
  first = await makeTestCore({ dataDir, databaseFile: FILE });
});
afterAll(async () => {
  await first?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function pragma(tc: TestCore, name: string): Promise<unknown> {
  const rows = (await tc.core.ctx.db.query(`PRAGMA ${name}`)) as Record<string, unknown>[];
  return Object.values(rows[0] ?? {})[0];
}

describe('a file database', () => {
  it('lives in the data folder and runs in WAL mode with foreign keys on', async () => {
    expect(existsSync(join(dataDir, FILE))).toBe(true);
    expect(await pragma(first, 'journal_mode')).toBe('wal');
    expect(await pragma(first, 'foreign_keys')).toBe(1);
  });

  it('gives the reader a page cache big enough for a deep contact page (the default made each one re-read)', async () => {
    expect(await pragma(first, 'cache_size')).toBe(-READER_CACHE_KIB);
    expect(READER_CACHE_KIB).toBeGreaterThanOrEqual(16 * 1024);
  });

  it('enforces foreign keys', async () => {
    await expect(
      first.core.ctx.tx.run((m) =>
        m.query('INSERT INTO user_roles (user_id, role_id) VALUES (987654, 987654)'),
      ),
    ).rejects.toThrow(/FOREIGN KEY/);
  });

  it('records every migration once in the migrations table', async () => {
    const rows = (await first.core.ctx.db.query('SELECT name FROM migrations ORDER BY id')) as {
      name: string;
    }[];
    expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
  });

  it('creates the super admin on first run', () => {
    expect(first.core.superAdminCreated).toBe(true);
  });
});

describe('starting again on the same data folder', () => {
  it('keeps the people and the chosen password, and creates no second super admin', async () => {
    const ownerToken = await signInOwner(first);
    const role = await addRole(first.core, ownerToken, ['contacts.read'], 'Kept role');
    const kept = await addMember(first.core, ownerToken, { roleIds: [role.id] });
    await first.stop();

    // The owner edits config.toml: a new organization name and a new initial_password.
    const second = await makeTestCore({
      dataDir,
      databaseFile: FILE,
      organizationName: 'Renamed Shop',
      initialPassword: 'edited-initial-pass',
    });
    try {
      expect(second.core.superAdminCreated).toBe(false);
      const supers = (await second.core.ctx.db.query(
        "SELECT COUNT(*) AS n FROM users WHERE kind = 'super_admin'",
      )) as {
        n: number;
      }[];
      expect(supers[0]?.n).toBe(1);
      const migrations = (await second.core.ctx.db.query('SELECT COUNT(*) AS n FROM migrations')) as {
        n: number;
      }[];
      expect(migrations[0]?.n).toBe(MIGRATIONS.length);

      // initial_password is used once: neither the old nor the edited one signs in.
      for (const password of [OWNER.initialPassword, 'edited-initial-pass']) {
        expect((await fail(second.core, null, 'auth.login', { login: OWNER.username, password })).code).toBe(
          'UNAUTHENTICATED',
        );
      }
      const owner = await signIn(second.core, OWNER.username, OWNER.password);
      expect(owner.login.session.user.mustChangePassword).toBe(false);
      // config.toml gives the organization's first-run values only: after that it is edited in the
      // app (organization.update), so an edited config.toml changes nothing.
      expect(owner.login.session.organization.name).toBe('Test Shop');
      expect((await ok(second.core, null, 'system.info', {})).organizationName).toBe('Test Shop');

      const members = await ok(second.core, owner.token, 'members.list', {});
      expect(members.find((m) => m.id === kept.id)).toMatchObject({
        username: kept.username,
        roles: [{ id: role.id, name: 'Kept role' }],
        effectivePermissions: ['contacts.read'],
      });
      const { token } = await signIn(second.core, kept.username, kept.password);
      expect((await ok(second.core, token, 'auth.session', {})).user.permissions).toEqual(['contacts.read']);
    } finally {
      await second.stop();
    }
  });
});

it('a new data folder starts with an empty database', async () => {
  const a = await makeTestCore();
  const b = await makeTestCore();
  try {
    expect(a.core.superAdminCreated).toBe(true);
    expect(b.core.superAdminCreated).toBe(true);
  } finally {
    await a.close();
    await b.close();
  }
});
