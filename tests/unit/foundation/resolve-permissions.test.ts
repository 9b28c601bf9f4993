import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS, PEOPLE_MANAGEMENT_PERMISSIONS, type Permission } from '@shared/permissions';
import { resolvePermissions, type PermissionSources } from '../../../electron/core/auth/resolve-permissions';

function resolve(sources: Partial<PermissionSources> & Pick<PermissionSources, 'kind'>): Permission[] {
  return resolvePermissions({ rolePermissions: [], withdrawn: [], rbacEnabled: true, ...sources });
}

const everythingButPeople = ALL_PERMISSIONS.filter((p) => !PEOPLE_MANAGEMENT_PERMISSIONS.includes(p));

describe('resolvePermissions', () => {
  it('gives the super admin every permission, whatever is withdrawn and with RBAC on or off', () => {
    for (const rbacEnabled of [true, false]) {
      const held = resolve({ kind: 'super_admin', withdrawn: [...ALL_PERMISSIONS], rbacEnabled });
      expect(new Set(held)).toEqual(new Set(ALL_PERMISSIONS));
    }
  });

  it('gives an admin every permission by default', () => {
    expect(new Set(resolve({ kind: 'admin' }))).toEqual(new Set(ALL_PERMISSIONS));
  });

  it('takes away exactly what the super admin withdrew from an admin', () => {
    const withdrawn: Permission[] = ['tokens.write', 'members.write'];
    const held = resolve({ kind: 'admin', withdrawn });
    expect(held).not.toContain('tokens.write');
    expect(held).not.toContain('members.write');
    expect(new Set(held)).toEqual(new Set(ALL_PERMISSIONS.filter((p) => !withdrawn.includes(p))));
  });

  it('does not let role permissions give back what was withdrawn from an admin', () => {
    const held = resolve({
      kind: 'admin',
      withdrawn: ['contacts.delete'],
      rolePermissions: ['contacts.delete'],
    });
    expect(held).not.toContain('contacts.delete');
  });

  it('gives a member with no roles nothing', () => {
    expect(resolve({ kind: 'member' })).toEqual([]);
  });

  it('gives a member the union of their roles, each permission once', () => {
    const held = resolve({
      kind: 'member',
      rolePermissions: ['contacts.read', 'lists.read', 'contacts.read', 'lists.write'],
    });
    expect(held).toHaveLength(3);
    expect(new Set(held)).toEqual(new Set(['contacts.read', 'lists.read', 'lists.write']));
  });

  it('ignores a stored permission that is no longer in the catalogue', () => {
    expect(resolve({ kind: 'member', rolePermissions: ['contacts.read', 'fax.send'] })).toEqual([
      'contacts.read',
    ]);
  });

  it('ignores withdrawals on a member: members only ever hold what roles give', () => {
    expect(resolve({ kind: 'member', rolePermissions: ['media.read'], withdrawn: ['media.read'] })).toEqual([
      'media.read',
    ]);
  });

  it('with RBAC off gives every other user everything but managing members and roles', () => {
    for (const kind of ['admin', 'member'] as const) {
      const held = resolve({ kind, rbacEnabled: false });
      expect(new Set(held)).toEqual(new Set(everythingButPeople));
      expect(held).not.toContain('members.write');
      expect(held).not.toContain('roles.write');
    }
  });
});
