import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppErrorPayload } from '@shared/errors';
import type { LoginResult } from '@shared/types/people';
import { ALL_PERMISSIONS } from '@shared/permissions';
import type { Delivery } from '../../../electron/core/events/event-bus';
import { SESSION_IDLE_MS, SESSION_MAX_AGE_MS } from '../../../electron/core/auth/session-store';
import { hashToken } from '../../../electron/core/util/tokens';
import { dispatch, fail, ok } from '../../helpers/dispatch';
import { addMember, signIn, signInOwner, tokenOf, type TestMember } from '../../helpers/people';
import { makeTestCore, OWNER, type TestCore } from '../../helpers/test-core';

let tc: TestCore;
let ownerToken: string;
const events: Delivery[] = [];
let firstLogin: LoginResult;

beforeAll(async () => {
  tc = await makeTestCore();
  tc.core.events.subscribe((d) => events.push(d));
  // The very first sign-in, before signInOwner replaces the initial password.
  firstLogin = await ok(tc.core, null, 'auth.login', {
    login: OWNER.username,
    password: OWNER.initialPassword,
  });
  ownerToken = await signInOwner(tc);
});
afterAll(async () => {
  await tc?.close();
});

function login(loginName: string, password: string) {
  return dispatch(tc.core, null, 'auth.login', { login: loginName, password });
}

async function loginError(loginName: string, password: string): Promise<AppErrorPayload> {
  return fail(tc.core, null, 'auth.login', { login: loginName, password });
}

async function isSignedIn(token: string): Promise<boolean> {
  return (await dispatch(tc.core, token, 'auth.session', {})).ok;
}

describe('the super admin from config.toml', () => {
  it('signs in with the initial password and must change it first', () => {
    expect(firstLogin.token).toMatch(/^ws_/);
    expect(firstLogin.session.user).toMatchObject({
      username: OWNER.username,
      email: OWNER.email,
      kind: 'super_admin',
      mustChangePassword: true,
    });
    expect(new Set(firstLogin.session.user.permissions)).toEqual(new Set(ALL_PERMISSIONS));
    expect(firstLogin.session.organization.name).toBe(tc.config.organization.name);
  });

  it('cannot use the initial password any more once it is changed', async () => {
    expect((await loginError(OWNER.username, OWNER.initialPassword)).code).toBe('UNAUTHENTICATED');
    const session = await ok(tc.core, ownerToken, 'auth.session', {});
    expect(session.user.mustChangePassword).toBe(false);
  });
});

describe('login', () => {
  let member: TestMember;
  beforeAll(async () => {
    member = await addMember(tc.core, ownerToken, { prefix: 'login' });
  });

  it('accepts the username or the email, in any case and with stray spaces', async () => {
    for (const name of [
      member.username,
      member.username.toUpperCase(),
      member.email.toUpperCase(),
      ` ${member.email} `,
    ]) {
      const outcome = await login(name, member.password);
      expect(outcome.ok, name).toBe(true);
      if (outcome.ok)
        expect((outcome.result as { session: { user: { id: number } } }).session.user.id).toBe(member.id);
    }
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const wrongPassword = await loginError(member.username, 'not-the-password');
    const unknownUser = await loginError('nobody-here', member.password);
    const unknownEmail = await loginError('nobody@shop.test', member.password);
    expect(wrongPassword.code).toBe('UNAUTHENTICATED');
    expect(unknownUser).toEqual(wrongPassword);
    expect(unknownEmail).toEqual(wrongPassword);
    // The failure above counts; clear it for the other tests.
    expect((await login(member.username, member.password)).ok).toBe(true);
  });

  it('does not accept the password of another user', async () => {
    const other = await addMember(tc.core, ownerToken, { prefix: 'other' });
    expect((await loginError(member.username, other.password)).code).toBe('UNAUTHENTICATED');
    expect((await login(member.username, member.password)).ok).toBe(true);
  });
});

describe('lockout after failed logins', () => {
  it('waits 30 s after the fifth failure, doubles each further wait and refuses even the right password meanwhile', async () => {
    const m = await addMember(tc.core, ownerToken, { prefix: 'locky' });
    for (let attempt = 1; attempt <= 4; attempt++) {
      const error = await loginError(m.username, `wrong-${attempt}`);
      expect(error.code, `attempt ${attempt}`).toBe('UNAUTHENTICATED');
    }
    const fifth = await loginError(m.username, 'wrong-5');
    expect(fifth).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 30 });
    expect(fifth.message).toMatch(/30 seconds/);

    expect(await loginError(m.username, m.password)).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 30,
    });
    tc.clock.advanceSeconds(10);
    expect(await loginError(m.username, m.password)).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 20,
    });
    // A wrong guess while locked is refused without lengthening the wait.
    expect(await loginError(m.username, 'wrong-while-locked')).toMatchObject({ retryAfterSeconds: 20 });

    tc.clock.advanceSeconds(21);
    expect(await loginError(m.username, 'wrong-6')).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 60,
    });
    tc.clock.advanceSeconds(61);
    expect(await loginError(m.username, 'wrong-7')).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 120,
    });
    tc.clock.advanceSeconds(119);
    expect((await loginError(m.username, m.password)).code).toBe('RATE_LIMITED');
    tc.clock.advanceSeconds(2);

    // The wait is over: the right password works and clears the count.
    expect((await login(m.username, m.password)).ok).toBe(true);
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await loginError(m.username, `again-${attempt}`)).code).toBe('UNAUTHENTICATED');
    }
    expect(await loginError(m.username, 'again-5')).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 30,
    });
  });

  it('caps the wait at one hour', async () => {
    const m = await addMember(tc.core, ownerToken, { prefix: 'capped', signIn: false });
    let last: AppErrorPayload | undefined;
    for (let failure = 1; failure <= 13; failure++) {
      last = await loginError(m.username, `wrong-${failure}`);
      if (last.retryAfterSeconds) tc.clock.advanceSeconds(last.retryAfterSeconds + 1);
    }
    expect(last).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 3600 });
  });

  it('locks out guesses sent all at once as surely as guesses sent one by one', async () => {
    const m = await addMember(tc.core, ownerToken, { prefix: 'parallel', signIn: false });
    const guesses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => login(m.username, `parallel-guess-${i}`)),
    );
    expect(guesses.every((g) => !g.ok)).toBe(true);
    // Ten failures happened; the account must wait now, right password or not.
    expect((await loginError(m.username, m.password)).code).toBe('RATE_LIMITED');
  });
});

describe('disabling a member', () => {
  it('ends their sessions, tells their windows and keeps them out until enabled again', async () => {
    const m = await addMember(tc.core, ownerToken, { prefix: 'disabled' });
    const second = (await signIn(tc.core, m.username, m.password)).token;
    const before = events.length;

    const dto = await ok(tc.core, ownerToken, 'members.update', { id: m.id, disabled: true });
    expect(dto.disabled).toBe(true);
    expect(await isSignedIn(tokenOf(m))).toBe(false);
    expect(await isSignedIn(second)).toBe(false);
    const ended = events.slice(before).filter((e) => e.name === 'session.ended');
    expect(ended).toHaveLength(1);
    expect(ended[0]!.payload).toEqual({ reason: 'disabled' });
    expect([...(ended[0]!.to ?? [])].sort()).toEqual([hashToken(tokenOf(m)), hashToken(second)].sort());

    const refused = await loginError(m.username, m.password);
    expect(refused.code).toBe('UNAUTHENTICATED');
    expect(refused.message).toMatch(/disabled/i);

    await ok(tc.core, ownerToken, 'members.update', { id: m.id, disabled: false });
    // The old sessions were ended, not merely paused.
    expect(await isSignedIn(tokenOf(m))).toBe(false);
    expect((await login(m.username, m.password)).ok).toBe(true);
  });

  it('never lets anyone disable the super admin or themselves', async () => {
    const self = await ok(tc.core, ownerToken, 'auth.session', {});
    expect(
      (await fail(tc.core, ownerToken, 'members.update', { id: self.user.id, disabled: true })).code,
    ).toBe('CONFLICT');
    expect(await isSignedIn(ownerToken)).toBe(true);
  });
});

describe('changing one’s password', () => {
  it('requires the current password and changes nothing when it is wrong', async () => {
    const m = await addMember(tc.core, ownerToken, { prefix: 'changer' });
    const error = await fail(tc.core, tokenOf(m), 'auth.changePassword', {
      currentPassword: 'not-my-password',
      newPassword: 'brand-new-password',
    });
    expect(error.code).toBe('VALIDATION');
    expect(error.fields?.map((f) => f.field)).toEqual(['currentPassword']);
    expect((await login(m.username, m.password)).ok).toBe(true);
    expect((await login(m.username, 'brand-new-password')).ok).toBe(false);
  });

  it('refuses a new password that is too short or the same as the current one', async () => {
    const m = await addMember(tc.core, ownerToken, { prefix: 'weak' });
    const short = await fail(tc.core, tokenOf(m), 'auth.changePassword', {
      currentPassword: m.password,
      newPassword: 'short',
    });
    expect(short.fields?.map((f) => f.field)).toContain('newPassword');
    const same = await fail(tc.core, tokenOf(m), 'auth.changePassword', {
      currentPassword: m.password,
      newPassword: m.password,
    });
    expect(same.fields?.map((f) => f.field)).toContain('newPassword');
  });

  it('clears mustChangePassword, ends the other sessions and keeps this one', async () => {
    const m = await addMember(tc.core, ownerToken, { prefix: 'fresh', ready: false });
    const here = tokenOf(m);
    const elsewhere = (await signIn(tc.core, m.username, m.password)).token;
    const before = events.length;

    const session = await ok(tc.core, here, 'auth.changePassword', {
      currentPassword: m.password,
      newPassword: 'my-own-password-1',
    });
    expect(session.user.mustChangePassword).toBe(false);
    expect(await isSignedIn(here)).toBe(true);
    expect(await isSignedIn(elsewhere)).toBe(false);
    const ended = events.slice(before).filter((e) => e.name === 'session.ended');
    expect(ended.map((e) => [e.payload, e.to])).toEqual([
      [{ reason: 'password_changed' }, [hashToken(elsewhere)]],
    ]);

    expect((await login(m.username, m.password)).ok).toBe(false);
    const again = await ok(tc.core, null, 'auth.login', { login: m.username, password: 'my-own-password-1' });
    expect(again.session.user.mustChangePassword).toBe(false);
  });
});

describe('an admin resetting a member’s password', () => {
  it('makes them choose a new one, ends their sessions and lifts a lockout', async () => {
    const m = await addMember(tc.core, ownerToken, { prefix: 'reset' });
    for (let i = 0; i < 5; i++) await loginError(m.username, `bad-${i}`);
    expect((await loginError(m.username, m.password)).code).toBe('RATE_LIMITED');

    await ok(tc.core, ownerToken, 'members.resetPassword', { id: m.id, password: 'set-by-the-admin' });
    expect(await isSignedIn(tokenOf(m))).toBe(false);
    const next = await ok(tc.core, null, 'auth.login', { login: m.username, password: 'set-by-the-admin' });
    expect(next.session.user.mustChangePassword).toBe(true);
  });

  it('refuses to reset one’s own password that way', async () => {
    const self = await ok(tc.core, ownerToken, 'auth.session', {});
    expect(
      (
        await fail(tc.core, ownerToken, 'members.resetPassword', {
          id: self.user.id,
          password: 'sneaky-reset-1',
        })
      ).code,
    ).toBe('CONFLICT');
  });
});

describe('sessions', () => {
  it('end after 12 hours without a call, and calls keep them alive', async () => {
    expect(SESSION_IDLE_MS).toBe(12 * 60 * 60 * 1000);
    const m = await addMember(tc.core, ownerToken, { prefix: 'idle' });
    const busy = tokenOf(m);
    const idle = (await signIn(tc.core, m.username, m.password)).token;

    tc.clock.advance(11 * 3600_000);
    expect(await isSignedIn(busy)).toBe(true);
    tc.clock.advance(11 * 3600_000);
    // 22 h after sign-in: the busy one was used 11 h ago, the idle one never.
    expect(await isSignedIn(busy)).toBe(true);
    expect(await isSignedIn(idle)).toBe(false);

    tc.clock.advance(SESSION_IDLE_MS + 1000);
    expect(await isSignedIn(busy)).toBe(false);
    expect((await fail(tc.core, busy, 'auth.session', {})).code).toBe('UNAUTHENTICATED');
    // The clock moved past the owner's session too; the tests below need a live one.
    ownerToken = await signInOwner(tc);
  });

  it('end 30 days after sign-in even when used all along', async () => {
    expect(SESSION_MAX_AGE_MS).toBe(30 * 24 * 60 * 60 * 1000);
    const m = await addMember(tc.core, ownerToken, { prefix: 'longlived' });
    const token = tokenOf(m);
    const signedInAt = tc.clock.now().getTime();
    // Used every 11 hours, so never idle for 12.
    while (tc.clock.now().getTime() + 11 * 3600_000 <= signedInAt + SESSION_MAX_AGE_MS) {
      tc.clock.advance(11 * 3600_000);
      expect(await isSignedIn(token)).toBe(true);
    }
    tc.clock.advance(signedInAt + SESSION_MAX_AGE_MS + 1000 - tc.clock.now().getTime());
    expect((await fail(tc.core, token, 'auth.session', {})).code).toBe('UNAUTHENTICATED');
    // Signing in again gives a new 30 days.
    expect(await isSignedIn((await signIn(tc.core, m.username, m.password)).token)).toBe(true);
    ownerToken = await signInOwner(tc);
  });

  it('logout ends only the session it is called from and tells that window', async () => {
    const m = await addMember(tc.core, ownerToken, { prefix: 'logout' });
    const other = (await signIn(tc.core, m.username, m.password)).token;
    const before = events.length;
    expect(await ok(tc.core, tokenOf(m), 'auth.logout', {})).toEqual({ ok: true });
    expect(await isSignedIn(tokenOf(m))).toBe(false);
    expect(await isSignedIn(other)).toBe(true);
    expect(events.slice(before).filter((e) => e.name === 'session.ended')).toEqual([
      { name: 'session.ended', payload: { reason: 'logout' }, to: [hashToken(tokenOf(m))] },
    ]);
  });
});

describe('what the database keeps', () => {
  it('stores salted scrypt hashes, never a password, and no session token in clear', async () => {
    const a = await addMember(tc.core, ownerToken, { prefix: 'hash' });
    const b = await addMember(tc.core, ownerToken, { prefix: 'hash' });
    // Give both the same password.
    await ok(tc.core, tokenOf(b), 'auth.changePassword', {
      currentPassword: b.password,
      newPassword: a.password,
    });
    const rows = (await tc.core.ctx.db.query('SELECT id, password_hash FROM users WHERE id IN (?, ?)', [
      a.id,
      b.id,
    ])) as { id: number; password_hash: string }[];
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.password_hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
      expect(row.password_hash).not.toContain(a.password);
    }
    expect(rows[0]!.password_hash).not.toBe(rows[1]!.password_hash);

    const sessions = (await tc.core.ctx.db.query('SELECT id FROM sessions')) as { id: string }[];
    const ids = sessions.map((s) => s.id);
    expect(ids).not.toContain(tokenOf(a));
    expect(ids).toContain(hashToken(tokenOf(a)));
  });
});
