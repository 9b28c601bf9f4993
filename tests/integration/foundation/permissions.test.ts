import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS, PEOPLE_MANAGEMENT_PERMISSIONS } from '@shared/permissions';
import { dispatch, fail, ok } from '../../helpers/dispatch';
import { addMember, addRole, signInOwner, tokenOf, uniqueUsername } from '../../helpers/people';
import { makeTestCore, type TestCore } from '../../helpers/test-core';

let tc: TestCore;
let ownerToken: string;
let ownerId: number;

beforeAll(async () => {
  tc = await makeTestCore();
  ownerToken = await signInOwner(tc);
  ownerId = (await ok(tc.core, ownerToken, 'auth.session', {})).user.id;
});
afterAll(async () => {
  await tc?.close();
});

async function permissionsOf(token: string) {
  return (await ok(tc.core, token, 'auth.session', {})).user.permissions;
}

async function code(token: string, name: string, input: unknown) {
  const outcome = await dispatch(tc.core, token, name, input);
  return outcome.ok ? 'OK' : outcome.error.code;
}

describe('a member', () => {
  it('holds nothing until given a role', async () => {
    const m = await addMember(tc.core, ownerToken);
    expect(await permissionsOf(tokenOf(m))).toEqual([]);
    expect(m.dto.effectivePermissions).toEqual([]);
  });

  it('holds exactly what a role gives, and loses it with the role, without signing in again', async () => {
    const role = await addRole(tc.core, ownerToken, ['contacts.read']);
    const m = await addMember(tc.core, ownerToken);
    const token = tokenOf(m);

    const given = await ok(tc.core, ownerToken, 'members.setRoles', { id: m.id, roleIds: [role.id] });
    expect(given.roles).toEqual([{ id: role.id, name: role.name }]);
    expect(given.effectivePermissions).toEqual(['contacts.read']);
    expect(await permissionsOf(token)).toEqual(['contacts.read']);

    await ok(tc.core, ownerToken, 'members.setRoles', { id: m.id, roleIds: [] });
    expect(await permissionsOf(token)).toEqual([]);
  });

  it('gains and loses with the role’s permissions at the next call', async () => {
    const role = await addRole(tc.core, ownerToken, ['contacts.read']);
    const m = await addMember(tc.core, ownerToken, { roleIds: [role.id] });
    expect(await code(tokenOf(m), 'members.list', {})).toBe('FORBIDDEN');

    await ok(tc.core, ownerToken, 'roles.update', {
      id: role.id,
      permissions: ['contacts.read', 'members.read'],
    });
    expect(await code(tokenOf(m), 'members.list', {})).toBe('OK');

    await ok(tc.core, ownerToken, 'roles.delete', { id: role.id });
    expect(await code(tokenOf(m), 'members.list', {})).toBe('FORBIDDEN');
    expect(await permissionsOf(tokenOf(m))).toEqual([]);
    const listed = (await ok(tc.core, ownerToken, 'members.list', {})).find((x) => x.id === m.id);
    expect(listed?.roles).toEqual([]);
  });

  it('holds the union of several roles', async () => {
    const a = await addRole(tc.core, ownerToken, ['lists.read', 'contacts.read']);
    const b = await addRole(tc.core, ownerToken, ['contacts.read', 'media.read']);
    const m = await addMember(tc.core, ownerToken, { roleIds: [a.id, b.id] });
    expect(new Set(await permissionsOf(tokenOf(m)))).toEqual(
      new Set(['lists.read', 'contacts.read', 'media.read']),
    );
  });

  it('keeps its roles when a role change names a role that does not exist', async () => {
    const role = await addRole(tc.core, ownerToken, ['media.read']);
    const m = await addMember(tc.core, ownerToken, { roleIds: [role.id] });
    const error = await fail(tc.core, ownerToken, 'members.setRoles', {
      id: m.id,
      roleIds: [role.id, 999_999],
    });
    expect(error.code).toBe('VALIDATION');
    expect(error.fields?.map((f) => f.field)).toContain('roleIds');
    expect(await permissionsOf(tokenOf(m))).toEqual(['media.read']);
  });
});

describe('roles', () => {
  it('have names unique regardless of case', async () => {
    const name = `Sales ${uniqueUsername('r')}`;
    await addRole(tc.core, ownerToken, [], name);
    const error = await fail(tc.core, ownerToken, 'roles.create', {
      name: name.toUpperCase(),
      permissions: [],
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.fields?.map((f) => f.field)).toEqual(['name']);
  });

  it('answer NOT_FOUND for an id that does not exist', async () => {
    expect((await fail(tc.core, ownerToken, 'roles.update', { id: 424242, name: 'x' })).code).toBe(
      'NOT_FOUND',
    );
    expect((await fail(tc.core, ownerToken, 'roles.delete', { id: 424242 })).code).toBe('NOT_FOUND');
    expect((await fail(tc.core, ownerToken, 'members.update', { id: 424242, name: 'x' })).code).toBe(
      'NOT_FOUND',
    );
  });

  it('count their members', async () => {
    const role = await addRole(tc.core, ownerToken, ['lists.read']);
    await addMember(tc.core, ownerToken, { roleIds: [role.id], signIn: false });
    await addMember(tc.core, ownerToken, { roleIds: [role.id], signIn: false });
    const listed = (await ok(tc.core, ownerToken, 'roles.list', {})).find((r) => r.id === role.id);
    expect(listed).toMatchObject({ memberCount: 2, permissions: ['lists.read'] });
  });
});

describe('admins', () => {
  it('hold every permission, and a withdrawal takes effect at the very next call', async () => {
    const admin = await addMember(tc.core, ownerToken, { admin: true });
    const token = tokenOf(admin);
    expect(new Set(await permissionsOf(token))).toEqual(new Set(ALL_PERMISSIONS));
    expect(await code(token, 'members.list', {})).toBe('OK');

    const limited = await ok(tc.core, ownerToken, 'members.setWithdrawnPermissions', {
      id: admin.id,
      withdrawn: ['members.read', 'members.read'],
    });
    expect(limited.withdrawnPermissions).toEqual(['members.read']);
    expect(limited.effectivePermissions).not.toContain('members.read');
    expect(await code(token, 'members.list', {})).toBe('FORBIDDEN');
    expect(await permissionsOf(token)).not.toContain('members.read');
    expect(await code(token, 'roles.list', {})).toBe('OK');

    await ok(tc.core, ownerToken, 'members.setWithdrawnPermissions', { id: admin.id, withdrawn: [] });
    expect(await code(token, 'members.list', {})).toBe('OK');
  });

  it('can make others admin and take it back; a new spell as admin starts with every permission', async () => {
    const admin = await addMember(tc.core, ownerToken, { admin: true });
    const m = await addMember(tc.core, ownerToken);
    const promoted = await ok(tc.core, tokenOf(admin), 'members.setAdmin', { id: m.id, admin: true });
    expect(promoted.kind).toBe('admin');
    expect(await code(tokenOf(m), 'members.list', {})).toBe('OK');

    await ok(tc.core, ownerToken, 'members.setWithdrawnPermissions', { id: m.id, withdrawn: ['roles.read'] });
    const demoted = await ok(tc.core, tokenOf(admin), 'members.setAdmin', { id: m.id, admin: false });
    expect(demoted.kind).toBe('member');
    expect(await permissionsOf(tokenOf(m))).toEqual([]);

    const again = await ok(tc.core, ownerToken, 'members.setAdmin', { id: m.id, admin: true });
    expect(again.withdrawnPermissions).toEqual([]);
    expect(await permissionsOf(tokenOf(m))).toContain('roles.read');
  });

  it('cannot change the super admin’s or their own admin status', async () => {
    const admin = await addMember(tc.core, ownerToken, { admin: true });
    expect(
      (await fail(tc.core, tokenOf(admin), 'members.setAdmin', { id: ownerId, admin: false })).code,
    ).toBe('CONFLICT');
    expect(
      (await fail(tc.core, tokenOf(admin), 'members.setAdmin', { id: admin.id, admin: false })).code,
    ).toBe('CONFLICT');
  });

  it('cannot edit the super admin', async () => {
    const admin = await addMember(tc.core, ownerToken, { admin: true });
    expect(
      (await fail(tc.core, tokenOf(admin), 'members.update', { id: ownerId, name: 'Renamed' })).code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await fail(tc.core, tokenOf(admin), 'members.resetPassword', {
          id: ownerId,
          password: 'taken-over-1',
        })
      ).code,
    ).toBe('FORBIDDEN');
  });
});

describe('the super admin', () => {
  it('cannot be limited', async () => {
    const error = await fail(tc.core, ownerToken, 'members.setWithdrawnPermissions', {
      id: ownerId,
      withdrawn: ['members.write'],
    });
    expect(error.code).toBe('CONFLICT');
    expect(new Set(await permissionsOf(ownerToken))).toEqual(new Set(ALL_PERMISSIONS));
  });

  it('withdraws only from admins: a member gets roles instead', async () => {
    const m = await addMember(tc.core, ownerToken, { signIn: false });
    expect(
      (
        await fail(tc.core, ownerToken, 'members.setWithdrawnPermissions', {
          id: m.id,
          withdrawn: ['media.read'],
        })
      ).code,
    ).toBe('CONFLICT');
  });
});

describe('a member who holds members.write but is not an admin', () => {
  let writerToken: string;
  beforeAll(async () => {
    const role = await addRole(tc.core, ownerToken, ['members.read', 'members.write', 'roles.read']);
    writerToken = tokenOf(await addMember(tc.core, ownerToken, { roleIds: [role.id], prefix: 'writer' }));
  });

  it('creates and edits plain members', async () => {
    const created = await ok(tc.core, writerToken, 'members.create', {
      username: uniqueUsername('made'),
      name: 'Made By Writer',
      email: `${uniqueUsername('made')}@shop.test`,
      password: 'a-first-password',
    });
    expect(created.kind).toBe('member');
    const updated = await ok(tc.core, writerToken, 'members.update', {
      id: created.id,
      name: 'Renamed By Writer',
    });
    expect(updated.name).toBe('Renamed By Writer');
  });

  it('cannot edit, disable or reset an admin, nor touch the super admin', async () => {
    const admin = await addMember(tc.core, ownerToken, { admin: true, signIn: false });
    expect(await code(writerToken, 'members.update', { id: admin.id, name: 'Hijacked' })).toBe('FORBIDDEN');
    expect(await code(writerToken, 'members.update', { id: admin.id, disabled: true })).toBe('FORBIDDEN');
    expect(
      await code(writerToken, 'members.resetPassword', { id: admin.id, password: 'hijacked-pass' }),
    ).toBe('FORBIDDEN');
    expect(await code(writerToken, 'members.update', { id: ownerId, name: 'Hijacked' })).toBe('FORBIDDEN');
    const listed = (await ok(tc.core, ownerToken, 'members.list', {})).find((x) => x.id === admin.id);
    expect(listed?.name).not.toBe('Hijacked');
    expect(listed?.disabled).toBe(false);
  });

  it('cannot make anyone admin, themselves included', async () => {
    const m = await addMember(tc.core, ownerToken, { signIn: false });
    const self = (await ok(tc.core, writerToken, 'auth.session', {})).user;
    expect(await code(writerToken, 'members.setAdmin', { id: m.id, admin: true })).toBe('FORBIDDEN');
    expect(await code(writerToken, 'members.setAdmin', { id: self.id, admin: true })).toBe('FORBIDDEN');
    const kinds = (await ok(tc.core, ownerToken, 'members.list', {}))
      .filter((x) => x.id === m.id || x.id === self.id)
      .map((x) => x.kind);
    expect(kinds).toEqual(['member', 'member']);
  });

  it('cannot change an admin’s roles or the super admin’s, nor their own', async () => {
    const role = await addRole(tc.core, ownerToken, ['roles.read']);
    const admin = await addMember(tc.core, ownerToken, { admin: true, signIn: false });
    const self = (await ok(tc.core, writerToken, 'auth.session', {})).user;
    expect(await code(writerToken, 'members.setRoles', { id: admin.id, roleIds: [role.id] })).toBe(
      'FORBIDDEN',
    );
    expect(await code(writerToken, 'members.setRoles', { id: ownerId, roleIds: [role.id] })).toBe(
      'FORBIDDEN',
    );
    const all = await addRole(tc.core, ownerToken, [...ALL_PERMISSIONS]);
    expect(await code(writerToken, 'members.setRoles', { id: self.id, roleIds: [all.id] })).toBe('CONFLICT');
    expect(await permissionsOf(writerToken)).not.toContain('roles.write');
  });

  it('assigns plain members roles made of permissions the writer holds', async () => {
    const role = await addRole(tc.core, ownerToken, ['roles.read']);
    const m = await addMember(tc.core, ownerToken);
    const given = await ok(tc.core, writerToken, 'members.setRoles', { id: m.id, roleIds: [role.id] });
    expect(given.effectivePermissions).toEqual(['roles.read']);
    expect(await permissionsOf(tokenOf(m))).toEqual(['roles.read']);
    // A role holding what the writer lacks is theirs to give no more (see no-escalation.test.ts).
    const stronger = await addRole(tc.core, ownerToken, ['media.read']);
    expect(await code(writerToken, 'members.setRoles', { id: m.id, roleIds: [stronger.id] })).toBe(
      'FORBIDDEN',
    );
  });
});

describe('with IS_ROLE_BASED_ACCESS_CONTROL_ENABLED = false', () => {
  let off: TestCore;
  let offOwner: string;
  beforeAll(async () => {
    off = await makeTestCore({ features: { IS_ROLE_BASED_ACCESS_CONTROL_ENABLED: false } });
    offOwner = await signInOwner(off);
  });
  afterAll(async () => {
    await off?.close();
  });

  it('gives every signed-in user everything but managing members and roles', async () => {
    const member = await addMember(off.core, offOwner);
    const admin = await addMember(off.core, offOwner, { admin: true });
    const expected = new Set(ALL_PERMISSIONS.filter((p) => !PEOPLE_MANAGEMENT_PERMISSIONS.includes(p)));
    for (const person of [member, admin]) {
      const session = await ok(off.core, tokenOf(person), 'auth.session', {});
      expect(session.features.IS_ROLE_BASED_ACCESS_CONTROL_ENABLED).toBe(false);
      expect(new Set(session.user.permissions)).toEqual(expected);
      expect((await dispatch(off.core, tokenOf(person), 'members.list', {})).ok).toBe(true);
      expect((await dispatch(off.core, tokenOf(person), 'roles.list', {})).ok).toBe(true);
      expect((await fail(off.core, tokenOf(person), 'members.create', {})).code).toBe('FORBIDDEN');
      expect((await fail(off.core, tokenOf(person), 'roles.create', {})).code).toBe('FORBIDDEN');
    }
  });

  it('leaves the super admin in charge of people', async () => {
    expect(new Set(await ok(off.core, offOwner, 'auth.session', {}).then((s) => s.user.permissions))).toEqual(
      new Set(ALL_PERMISSIONS),
    );
    expect(
      (await dispatch(off.core, offOwner, 'roles.create', { name: 'Still works', permissions: [] })).ok,
    ).toBe(true);
  });
});
