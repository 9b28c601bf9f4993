import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTokenEntity } from '../../../electron/core/db/entities/api-token';
import type { Listening } from '../../../electron/core/server/listen';
import { startPublicServer } from '../../../electron/core/server/public-server';
import { fail, ok } from '../../helpers/dispatch';
import { addMember, addRole, signInOwner, tokenOf, type TestMember } from '../../helpers/people';
import { spawnEntry } from '../../helpers/spawn';
import { makeTestCore, type TestCore } from '../../helpers/test-core';

/**
 * Who may see and revoke which API token, and tokens that expire. The clock is moved by hand
 * (it starts on 15 Jan 2030, 09:00 UTC; the shop is in Asia/Kolkata, UTC+05:30).
 */
let tc: TestCore;
let ownerToken: string;
let server: Listening;
beforeAll(async () => {
  tc = await makeTestCore();
  ownerToken = await signInOwner(tc);
  server = await startPublicServer(tc.core, { host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server?.close();
  await tc?.close();
});

async function apiStatus(token: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}/api/v1/lists`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: await response.json() };
}

describe('revoking API tokens', () => {
  let asha: TestMember;
  let ravi: TestMember;
  let manager: TestMember;
  beforeAll(async () => {
    const integrations = await addRole(tc.core, ownerToken, ['tokens.read', 'tokens.write', 'lists.read']);
    const tokenAdmin = await addRole(tc.core, ownerToken, ['tokens.read', 'tokens.write', 'tokens.manage']);
    asha = await addMember(tc.core, ownerToken, { roleIds: [integrations.id], prefix: 'asha' });
    ravi = await addMember(tc.core, ownerToken, { roleIds: [integrations.id], prefix: 'ravi' });
    manager = await addMember(tc.core, ownerToken, { roleIds: [tokenAdmin.id], prefix: 'manager' });
  });

  it('tokens.write revokes one’s own tokens only; tokens.manage sees and revokes everyone’s', async () => {
    const mine = await ok(tc.core, tokenOf(asha), 'tokens.create', {
      name: 'Asha’s form',
      permissions: ['lists.read'],
    });
    const his = await ok(tc.core, tokenOf(ravi), 'tokens.create', {
      name: 'Ravi’s shop',
      permissions: ['lists.read'],
    });

    // Each sees their own.
    const ashaSees = await ok(tc.core, tokenOf(asha), 'tokens.list', {});
    expect(ashaSees.map((t) => t.name)).toEqual(['Asha’s form']);

    const refused = await fail(tc.core, tokenOf(asha), 'tokens.revoke', { id: his.info.id });
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/only your own API tokens.*tokens\.manage/);
    expect((await apiStatus(his.token)).status).toBe(200);

    expect(
      (await ok(tc.core, tokenOf(asha), 'tokens.revoke', { id: mine.info.id })).revokedAt,
    ).not.toBeNull();
    expect((await apiStatus(mine.token)).status).toBe(401);

    // The manager sees both and may revoke Ravi’s.
    const managerSees = await ok(tc.core, tokenOf(manager), 'tokens.list', {});
    expect(managerSees.map((t) => t.name)).toEqual(expect.arrayContaining(['Asha’s form', 'Ravi’s shop']));
    await ok(tc.core, tokenOf(manager), 'tokens.revoke', { id: his.info.id });
    expect((await apiStatus(his.token)).status).toBe(401);
  });
});

describe('tokens that expire', () => {
  it('work until the end of the chosen day in the shop’s time zone, then are refused like revoked ones', async () => {
    const created = await ok(tc.core, ownerToken, 'tokens.create', {
      name: 'Campaign partner',
      permissions: ['lists.read'],
      expiresAt: '2030-01-20',
    });
    // 20 Jan ends at midnight in Kolkata: 18:30 UTC.
    expect(created.info.expiresAt).toBe('2030-01-20T18:30:00.000Z');
    const listed = await ok(tc.core, ownerToken, 'tokens.list', {});
    expect(listed.find((t) => t.id === created.info.id)?.expiresAt).toBe('2030-01-20T18:30:00.000Z');
    expect((await apiStatus(created.token)).status).toBe(200);

    const revoked = await ok(tc.core, ownerToken, 'tokens.create', {
      name: 'Old',
      permissions: ['lists.read'],
    });
    await ok(tc.core, ownerToken, 'tokens.revoke', { id: revoked.info.id });

    tc.clock.advance(Date.UTC(2030, 0, 20, 18, 29, 59) - tc.clock.now().getTime());
    expect((await apiStatus(created.token)).status).toBe(200);
    tc.clock.advance(1000);
    const expired = await apiStatus(created.token);
    expect(expired.status).toBe(401);
    // Exactly what a revoked token gets: nothing tells the caller more.
    expect(expired).toEqual(await apiStatus(revoked.token));
    ownerToken = await signInOwner(tc);
  });

  it('refuses an expiry in the past or not a date, naming the field, and creates nothing', async () => {
    const before = await tc.core.ctx.db.getRepository(ApiTokenEntity).count();
    for (const expiresAt of ['2020-01-01', 'next tuesday']) {
      const error = await fail(tc.core, ownerToken, 'tokens.create', {
        name: 'Never',
        permissions: ['lists.read'],
        expiresAt,
      });
      expect(error.code, expiresAt).toBe('VALIDATION');
      expect(error.fields?.[0]?.field, expiresAt).toBe('expiresAt');
    }
    expect(await tc.core.ctx.db.getRepository(ApiTokenEntity).count()).toBe(before);
  });

  it('can be made from the command line with --expires', async () => {
    // The CLI opens this core's database as a second process, as it does beside a running app.
    const { dataDir, configPath } = tc;
    const cli = spawnEntry('cli.ts', [
      'token',
      'create',
      '--name',
      'Nightly export',
      '--permission',
      'lists.read',
      '--expires',
      '2099-06-30',
      '--config',
      configPath,
      '--data-dir',
      dataDir,
    ]);
    const bad = spawnEntry('cli.ts', [
      'token',
      'create',
      '--name',
      'Bad date',
      '--permission',
      'lists.read',
      '--expires',
      '30/06/2099',
      '--config',
      configPath,
      '--data-dir',
      dataDir,
    ]);
    // Both at once: each start of the CLI takes seconds on a busy machine.
    const [code, badCode] = await Promise.all([cli.exited, bad.exited]);
    expect(code, cli.stderr()).toBe(0);
    expect(cli.stdout()).toMatch(/^wdk_\S+$/m);
    expect(cli.stdout()).toContain('It expires at 2099-06-30T18:30:00.000Z');
    const row = await tc.core.ctx.db
      .getRepository(ApiTokenEntity)
      .findOneByOrFail({ name: 'Nightly export' });
    expect(row.expiresAt?.toISOString()).toBe('2099-06-30T18:30:00.000Z');

    expect(badCode).toBe(1);
    expect(bad.stderr()).toMatch(/--expires: A date such as 2027-06-30/);
  }, 60_000);
});
