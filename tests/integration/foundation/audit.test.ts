import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryDto } from '@shared/types/people';
import { dispatch, fail, ok } from '../../helpers/dispatch';
import { addMember, addRole, signInOwner, tokenOf, type TestMember } from '../../helpers/people';
import { makeTestCore, OWNER, type TestCore } from '../../helpers/test-core';

let tc: TestCore;
let ownerToken: string;
let ownerId: number;
/** Every password this file uses, to prove none reaches the audit log. */
const passwords = new Set<string>([OWNER.initialPassword, OWNER.password]);

beforeAll(async () => {
  tc = await makeTestCore();
  ownerToken = await signInOwner(tc);
  ownerId = (await ok(tc.core, ownerToken, 'auth.session', {})).user.id;
});
afterAll(async () => {
  await tc?.close();
});

async function audit(limit = 500): Promise<AuditEntryDto[]> {
  return ok(tc.core, ownerToken, 'audit.list', { limit });
}

/** The newest entry with this action and target. */
async function entry(action: string, targetId: number | string): Promise<AuditEntryDto> {
  const found = (await audit()).find((e) => e.action === action && e.targetId === String(targetId));
  if (!found) throw new Error(`no audit entry ${action} for ${targetId}`);
  return found;
}

async function member(options: Parameters<typeof addMember>[2] = {}): Promise<TestMember> {
  const made = await addMember(tc.core, ownerToken, options);
  passwords.add(made.password);
  passwords.add(made.firstPassword);
  return made;
}

describe('the audit log records', () => {
  it('the creation of the super admin from config.toml', async () => {
    const created = await entry('super_admin.created', ownerId);
    expect(created).toMatchObject({ actor: null, targetType: 'user' });
    expect(created.details).toMatchObject({ username: OWNER.username, source: 'config.toml' });
  });

  it('a member created, updated, given roles, reset, made admin and limited — each by whom', async () => {
    const role = await addRole(tc.core, ownerToken, ['contacts.read']);
    const m = await member({ signIn: false });

    expect(await entry('member.created', m.id)).toMatchObject({
      actor: OWNER.username,
      targetType: 'user',
      details: { username: m.username, email: m.email, roleIds: [] },
    });

    await ok(tc.core, ownerToken, 'members.update', { id: m.id, name: 'New Name' });
    expect((await entry('member.updated', m.id)).details).toMatchObject({ name: 'New Name' });

    await ok(tc.core, ownerToken, 'members.setRoles', { id: m.id, roleIds: [role.id] });
    expect((await entry('member.roles_set', m.id)).details).toEqual({ before: [], after: [role.id] });

    passwords.add('reset-by-owner-1');
    await ok(tc.core, ownerToken, 'members.resetPassword', { id: m.id, password: 'reset-by-owner-1' });
    expect(await entry('member.password_reset', m.id)).toMatchObject({ actor: OWNER.username });

    await ok(tc.core, ownerToken, 'members.setAdmin', { id: m.id, admin: true });
    expect(await entry('member.made_admin', m.id)).toMatchObject({ actor: OWNER.username });

    await ok(tc.core, ownerToken, 'members.setWithdrawnPermissions', {
      id: m.id,
      withdrawn: ['tokens.write'],
    });
    expect((await entry('admin.permissions_withdrawn', m.id)).details).toEqual({
      before: [],
      after: ['tokens.write'],
    });

    await ok(tc.core, ownerToken, 'members.setAdmin', { id: m.id, admin: false });
    expect(await entry('member.admin_removed', m.id)).toMatchObject({ actor: OWNER.username });
  });

  it('a member disabled', async () => {
    const m = await member({ signIn: false });
    await ok(tc.core, ownerToken, 'members.update', { id: m.id, disabled: true });
    expect((await entry('member.updated', m.id)).details).toMatchObject({ disabled: true });
  });

  it('a role created, updated and deleted', async () => {
    const role = await addRole(tc.core, ownerToken, ['lists.read'], 'Auditors');
    expect((await entry('role.created', role.id)).details).toEqual({
      name: 'Auditors',
      permissions: ['lists.read'],
    });

    await ok(tc.core, ownerToken, 'roles.update', {
      id: role.id,
      name: 'Auditors 2',
      permissions: ['lists.write'],
    });
    expect((await entry('role.updated', role.id)).details).toMatchObject({
      name: 'Auditors 2',
      before: ['lists.read'],
      after: ['lists.write'],
    });

    await addMember(tc.core, ownerToken, { roleIds: [role.id], signIn: false });
    await ok(tc.core, ownerToken, 'roles.delete', { id: role.id });
    expect(await entry('role.deleted', role.id)).toMatchObject({
      actor: OWNER.username,
      targetType: 'role',
      details: { name: 'Auditors 2', members: 1 },
    });
  });

  it('a lockout, with no actor', async () => {
    const m = await member({ signIn: false });
    for (let i = 1; i <= 5; i++) {
      passwords.add(`guess-number-${i}`);
      await fail(tc.core, null, 'auth.login', { login: m.username, password: `guess-number-${i}` });
    }
    expect(await entry('auth.locked', m.id)).toMatchObject({
      actor: null,
      details: { failures: 5, seconds: 30 },
    });
  });

  it('a password changed by its owner', async () => {
    const m = await member({ ready: false });
    passwords.add('changed-by-myself-1');
    await ok(tc.core, tokenOf(m), 'auth.changePassword', {
      currentPassword: m.password,
      newPassword: 'changed-by-myself-1',
    });
    expect(await entry('user.password_changed', m.id)).toMatchObject({ actor: m.username });
  });
});

describe('audit.list', () => {
  it('lists the newest first and honours the limit', async () => {
    const all = await audit();
    expect(all.length).toBeGreaterThan(3);
    const ids = all.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(await audit(2)).toEqual(all.slice(0, 2));
    expect(Date.parse(all[0]!.at)).not.toBeNaN();
  });

  it('is refused to a member without members.read and refuses a silly limit', async () => {
    const m = await member();
    expect((await fail(tc.core, tokenOf(m), 'audit.list', {})).code).toBe('FORBIDDEN');
    expect((await fail(tc.core, ownerToken, 'audit.list', { limit: 0 })).code).toBe('VALIDATION');
    expect((await fail(tc.core, ownerToken, 'audit.list', { limit: 501 })).code).toBe('VALIDATION');
  });
});

describe('the audit log never', () => {
  it('gains a row from a refused or invalid request', async () => {
    const m = await member();
    const before = (await audit(1))[0]!.id;
    await fail(tc.core, tokenOf(m), 'roles.create', { name: 'Not allowed', permissions: [] });
    await fail(tc.core, ownerToken, 'members.create', { username: 'x' });
    await fail(tc.core, ownerToken, 'members.setWithdrawnPermissions', {
      id: ownerId,
      withdrawn: ['media.read'],
    });
    expect((await audit(1))[0]!.id).toBe(before);
  });

  it('holds a password or a password hash', async () => {
    const rows = (await tc.core.ctx.db.query('SELECT action, details FROM audit_log')) as {
      action: string;
      details: string;
    }[];
    const hashes = (
      (await tc.core.ctx.db.query('SELECT password_hash FROM users')) as { password_hash: string }[]
    ).map((r) => r.password_hash);
    expect(rows.length).toBeGreaterThan(10);
    expect(passwords.size).toBeGreaterThan(10);
    for (const row of rows) {
      for (const password of passwords) expect(row.details, row.action).not.toContain(password);
      for (const hash of hashes) {
        expect(row.details, row.action).not.toContain(hash);
        expect(row.details, row.action).not.toContain(hash.split('$')[5]);
      }
      expect(row.details, row.action).not.toContain('scrypt$');
      expect(row.details, row.action).not.toMatch(/password/i);
    }
    const listed = JSON.stringify(await audit());
    for (const password of passwords) expect(listed).not.toContain(password);
  });
});

it('records the change and the audit row together: a failed change leaves neither', async () => {
  const before = (await audit(1))[0]!.id;
  const m = await member({ signIn: false });
  const afterCreate = (await audit(1))[0]!.id;
  expect(afterCreate).toBeGreaterThan(before);
  // Taken email: the whole change is refused.
  const clash = await dispatch(tc.core, ownerToken, 'members.create', {
    username: `${m.username}x`,
    name: 'Clash',
    email: m.email,
    password: 'some-password-1',
  });
  expect(clash.ok).toBe(false);
  expect((await audit(1))[0]!.id).toBe(afterCreate);
  expect(
    (await ok(tc.core, ownerToken, 'members.list', {})).some((x) => x.username === `${m.username}x`),
  ).toBe(false);
});
