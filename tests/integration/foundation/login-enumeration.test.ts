import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppErrorPayload } from '@shared/errors';
import { FREE_ATTEMPTS } from '../../../electron/core/auth/lockout';
import { fail } from '../../helpers/dispatch';
import { addMember, signInOwner, type TestMember } from '../../helpers/people';
import { PRODUCTION_COST } from '../../../electron/core/auth/password';
import { makeTestCore, type TestCore } from '../../helpers/test-core';

/**
 * An outsider at the sign-in screen must not learn which usernames exist: a name that belongs to
 * nobody and a real one with a wrong password get the same answer, before and after the lockout
 * threshold, and take about as long (both pay a scrypt hash).
 */
let tc: TestCore;
let member: TestMember;
beforeAll(async () => {
  // Production's scrypt cost: the timing half compares a real hash with a real hash.
  tc = await makeTestCore({ passwordCost: PRODUCTION_COST });
  member = await addMember(tc.core, await signInOwner(tc), { prefix: 'real', signIn: false });
});
afterAll(async () => {
  await tc?.close();
});

function attempt(login: string, password: string): Promise<AppErrorPayload> {
  return fail(tc.core, null, 'auth.login', { login, password });
}

async function timed(login: string, password: string): Promise<{ error: AppErrorPayload; ms: number }> {
  const started = performance.now();
  const error = await attempt(login, password);
  return { error, ms: performance.now() - started };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('an unknown username and a known one with a wrong password', () => {
  it('get the same code, message and wait, before and after the lockout threshold', async () => {
    const nobody = 'nobody-works-here';
    for (let i = 1; i <= FREE_ATTEMPTS + 2; i++) {
      const known = await attempt(member.username, `wrong-${i}`);
      const unknown = await attempt(nobody, `wrong-${i}`);
      expect(unknown, `attempt ${i}`).toEqual(known);
      if (i < FREE_ATTEMPTS) expect(known.code).toBe('UNAUTHENTICATED');
      else expect(known.code).toBe('RATE_LIMITED');
      // Each wait runs out before the next try, as a patient guesser would do.
      if (known.retryAfterSeconds) tc.clock.advanceSeconds(known.retryAfterSeconds + 1);
    }
    // While locked, even the right password of the real one is answered like any other guess.
    const locked = await attempt(member.username, `wrong-again`);
    expect(locked.code).toBe('RATE_LIMITED');
    expect(await attempt(nobody, 'anything')).toEqual(locked);
    expect(await attempt(member.username, member.password)).toEqual(locked);
    // Upper case and stray spaces are the same name, for nobody as for a real account.
    expect(await attempt(` ${nobody.toUpperCase()} `, 'x')).toEqual(locked);
    tc.clock.advanceSeconds((locked.retryAfterSeconds ?? 0) + 1);
  });

  it('take about as long, locked or not: an unknown name pays a scrypt hash, a locked account too', async () => {
    const other = await addMember(tc.core, await signInOwner(tc), { prefix: 'timed', signIn: false });
    const ghost = 'ghost-of-a-user';
    for (let i = 1; i <= FREE_ATTEMPTS; i++) {
      await attempt(other.username, `lock-${i}`);
      await attempt(ghost, `lock-${i}`);
    }
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 7; i++) {
      const a = await timed(other.username, 'while-locked');
      const b = await timed(ghost, 'while-locked');
      expect(a.error.code).toBe('RATE_LIMITED');
      expect(b.error).toEqual(a.error);
      known.push(a.ms);
      unknown.push(b.ms);
    }
    // Loose bounds (the machine may be busy): neither answer comes in a fraction of the other's time.
    expect(median(known)).toBeGreaterThan(median(unknown) * 0.4);
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.4);
    // 24 production scrypt hashes: a few seconds idle, over 20 s on a 2-core machine at load 20.
  }, 120_000);
});
