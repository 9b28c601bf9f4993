import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '@shared/errors';
import { dispatch, fail, ok } from '../../helpers/dispatch';
import { addMember, addRole, signIn, signInOwner, tokenOf } from '../../helpers/people';
import { makeTestCore, type TestCore } from '../../helpers/test-core';

let tc: TestCore;
let ownerToken: string;

beforeAll(async () => {
  tc = await makeTestCore();
  ownerToken = await signInOwner(tc);
});
afterAll(async () => {
  await tc?.close();
});

describe('validation', () => {
  it('names every bad field of the input', async () => {
    const error = await fail(tc.core, ownerToken, 'members.create', {
      username: 'no spaces allowed',
      name: 'Someone',
      email: 'not-an-email',
      password: 'short',
    });
    expect(error.code).toBe('VALIDATION');
    const fields = (error.fields ?? []).map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['username', 'email', 'password']));
    expect(fields).not.toContain('name');
    for (const field of error.fields ?? []) expect(field.message.length).toBeGreaterThan(0);
    expect(error.message).toContain(error.fields?.[0]?.field);
  });

  it('gives the dotted path of a bad item in a list', async () => {
    const error = await fail(tc.core, ownerToken, 'roles.create', {
      name: 'Sales',
      permissions: ['contacts.read', 'contacts.teleport'],
    });
    expect(error.code).toBe('VALIDATION');
    expect(error.fields?.map((f) => f.field)).toContain('permissions.1');
  });

  it('refuses a key the operation does not know rather than dropping it', async () => {
    const error = await fail(tc.core, ownerToken, 'roles.create', {
      name: 'Typo role',
      permissions: [],
      permisions: ['members.write'],
    });
    expect(error.code).toBe('VALIDATION');
    expect(JSON.stringify(error)).toContain('permisions');
    expect((await ok(tc.core, ownerToken, 'roles.list', {})).map((r) => r.name)).not.toContain('Typo role');
  });

  it('treats a missing input as an empty object', async () => {
    const outcome = await dispatch(tc.core, ownerToken, 'auth.session', undefined);
    expect(outcome.ok).toBe(true);
  });

  it('checks who is calling before it looks at the input', async () => {
    expect((await fail(tc.core, null, 'members.create', { username: '!' })).code).toBe('UNAUTHENTICATED');
    const member = await addMember(tc.core, ownerToken);
    expect((await fail(tc.core, tokenOf(member), 'members.create', { username: '!' })).code).toBe(
      'FORBIDDEN',
    );
  });
});

describe('unknown operations', () => {
  it.each(['contacts.teleport', '', 'toString', 'constructor', '__proto__', 'hasOwnProperty'])(
    'answers %j with NOT_FOUND, signed in or not',
    async (name) => {
      expect((await fail(tc.core, null, name, {})).code).toBe('NOT_FOUND');
      expect((await fail(tc.core, ownerToken, name, {})).code).toBe('NOT_FOUND');
    },
  );
});

describe('failures inside a handler', () => {
  // The real dispatcher and handlers; only the service a handler calls is made to fail.
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('turns a plain Error into INTERNAL without leaking its message or stack, and logs it', async () => {
    const secretDetail = 'SQLITE_CORRUPT at /home/owner/.config/Wapidesk/wapidesk.sqlite';
    const thrown = new Error(secretDetail);
    vi.spyOn(tc.core.services.roles, 'list').mockRejectedValue(thrown);
    const before = tc.logger.lines.length;
    const error = await fail(tc.core, ownerToken, 'roles.list', {});
    expect(error.code).toBe('INTERNAL');
    expect(Object.keys(error).sort()).toEqual(['code', 'message']);
    const shown = JSON.stringify(error);
    expect(shown).not.toContain('SQLITE_CORRUPT');
    expect(shown).not.toContain('/home/owner');
    expect(shown).not.toMatch(/\bat .*:\d+/);
    // The details are kept for the owner, in the log.
    const logged = tc.logger.lines.slice(before);
    expect(logged.some((l) => l.level === 'error' && l.error === thrown)).toBe(true);
  });

  it('turns a thrown non-Error into INTERNAL too', async () => {
    vi.spyOn(tc.core.services.roles, 'list').mockImplementation(() =>
      Promise.reject('a string, not an Error'),
    );
    const error = await fail(tc.core, ownerToken, 'roles.list', {});
    expect(error).toEqual({ code: 'INTERNAL', message: expect.any(String) });
    expect(JSON.stringify(error)).not.toContain('a string, not an Error');
  });

  it('passes a typed AppError through unchanged', async () => {
    vi.spyOn(tc.core.services.roles, 'list').mockRejectedValue(
      new AppError('RATE_LIMITED', 'Slow down', {
        retryAfterSeconds: 7,
        fields: [{ field: 'x', message: 'y' }],
      }),
    );
    expect(await fail(tc.core, ownerToken, 'roles.list', {})).toEqual({
      code: 'RATE_LIMITED',
      message: 'Slow down',
      retryAfterSeconds: 7,
      fields: [{ field: 'x', message: 'y' }],
    });
  });

  it('never runs a handler for a caller who is refused', async () => {
    const list = vi.spyOn(tc.core.services.members, 'list');
    const member = await addMember(tc.core, ownerToken);
    expect((await fail(tc.core, null, 'members.list', {})).code).toBe('UNAUTHENTICATED');
    expect((await fail(tc.core, tokenOf(member), 'members.list', {})).code).toBe('FORBIDDEN');
    expect(list).not.toHaveBeenCalled();
    await ok(tc.core, ownerToken, 'members.list', {});
    expect(list).toHaveBeenCalledTimes(1);
  });
});

describe('while the initial password has not been changed', () => {
  it('refuses permission operations but allows auth.session, auth.changePassword and auth.logout', async () => {
    const role = await addRole(tc.core, ownerToken, ['members.read', 'roles.read']);
    const member = await addMember(tc.core, ownerToken, { roleIds: [role.id], ready: false });
    const token = tokenOf(member);

    const session = await ok(tc.core, token, 'auth.session', {});
    expect(session.user.mustChangePassword).toBe(true);
    expect(session.user.permissions).toEqual(expect.arrayContaining(['members.read', 'roles.read']));

    const refused = await fail(tc.core, token, 'members.list', {});
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/password/i);
    expect((await fail(tc.core, token, 'roles.list', {})).code).toBe('FORBIDDEN');

    // Another window of the same user may still sign out.
    const other = (await signIn(tc.core, member.username, member.password)).token;
    expect(await ok(tc.core, other, 'auth.logout', {})).toEqual({ ok: true });

    const changed = await ok(tc.core, token, 'auth.changePassword', {
      currentPassword: member.password,
      newPassword: 'a-fresh-password-9',
    });
    expect(changed.user.mustChangePassword).toBe(false);
    // The same session now gets what its roles give.
    expect((await ok(tc.core, token, 'members.list', {})).length).toBeGreaterThan(0);
    expect((await fail(tc.core, token, 'members.create', {})).code).toBe('FORBIDDEN');
  });

  it('blocks the super admin too until the initial password is replaced', async () => {
    const fresh = await makeTestCore();
    try {
      const { token } = await signIn(fresh.core, 'owner', 'initial-secret-1');
      expect((await fail(fresh.core, token, 'members.list', {})).code).toBe('FORBIDDEN');
      expect(
        (await fail(fresh.core, token, 'members.setWithdrawnPermissions', { id: 1, withdrawn: [] })).code,
      ).toBe('FORBIDDEN');
      expect((await ok(fresh.core, token, 'auth.session', {})).user.mustChangePassword).toBe(true);
    } finally {
      await fresh.close();
    }
  });
});
