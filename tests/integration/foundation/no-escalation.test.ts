import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS } from '@shared/permissions';
import { fail, ok } from '../../helpers/dispatch';
import { addMember, addRole, signInOwner, tokenOf } from '../../helpers/people';
import { makeTestCore, type TestCore } from '../../helpers/test-core';

/** Nobody can hand out a permission they do not hold, whichever door they try. */
let tc: TestCore;
let owner: string;

beforeAll(async () => {
  tc = await makeTestCore();
  owner = await signInOwner(tc);
});
afterAll(() => tc.close());

describe('granting only what one holds', () => {
  it('a member who manages members cannot give a role holding more than they do', async () => {
    const manager = await addMember(tc.core, owner, {
      roleIds: [(await addRole(tc.core, owner, ['members.read', 'members.write'])).id],
    });
    const powerful = await addRole(tc.core, owner, ['campaigns.run', 'members.read']);
    const modest = await addRole(tc.core, owner, ['members.read']);
    const target = await addMember(tc.core, owner, { signIn: false });

    const refused = await fail(tc.core, tokenOf(manager), 'members.setRoles', {
      id: target.id,
      roleIds: [powerful.id],
    });
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toContain('campaigns.run');
    const created = await fail(tc.core, tokenOf(manager), 'members.create', {
      username: 'sneaky1',
      name: 'Sneaky',
      email: 'sneaky1@shop.test',
      password: 'sneaky-pass-123',
      roleIds: [powerful.id],
    });
    expect(created.code).toBe('FORBIDDEN');

    const given = await ok(tc.core, tokenOf(manager), 'members.setRoles', {
      id: target.id,
      roleIds: [modest.id],
    });
    expect(given.roles.map((r) => r.id)).toEqual([modest.id]);
  });

  it('a member who edits roles cannot add a permission they do not hold to one', async () => {
    const editor = await addMember(tc.core, owner, {
      roleIds: [(await addRole(tc.core, owner, ['roles.read', 'roles.write'])).id],
    });
    const refused = await fail(tc.core, tokenOf(editor), 'roles.create', {
      name: 'All powerful',
      permissions: ['settings.write'],
    });
    expect(refused.code).toBe('FORBIDDEN');
    const role = await ok(tc.core, tokenOf(editor), 'roles.create', {
      name: 'Readers',
      permissions: ['roles.read'],
    });
    const update = await fail(tc.core, tokenOf(editor), 'roles.update', {
      id: role.id,
      permissions: ['roles.read', 'members.write'],
    });
    expect(update.code).toBe('FORBIDDEN');
    expect((await ok(tc.core, owner, 'roles.list', {})).find((r) => r.id === role.id)?.permissions).toEqual([
      'roles.read',
    ]);
  });

  it('an admin whose permissions were limited makes admins no stronger than themselves', async () => {
    const limited = await addMember(tc.core, owner, { admin: true });
    await ok(tc.core, owner, 'members.setWithdrawnPermissions', {
      id: limited.id,
      withdrawn: ['settings.write', 'campaigns.run'],
    });
    const promoted = await addMember(tc.core, tokenOf(limited), { signIn: false });
    const made = await ok(tc.core, tokenOf(limited), 'members.setAdmin', { id: promoted.id, admin: true });
    expect(made.kind).toBe('admin');
    expect([...made.withdrawnPermissions].sort()).toEqual(['campaigns.run', 'settings.write']);
    expect(made.effectivePermissions).not.toContain('settings.write');

    // The super admin's new admins hold everything, as the product design says.
    const full = await addMember(tc.core, owner, { signIn: false });
    const byOwner = await ok(tc.core, owner, 'members.setAdmin', { id: full.id, admin: true });
    expect(byOwner.effectivePermissions.length).toBe(ALL_PERMISSIONS.length);
  });
});
