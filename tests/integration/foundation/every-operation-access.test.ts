/**
 * Invariant 1 of DESIGN.md: a test walks every declared operation and proves that a caller without
 * its access is refused. The cases come from each operation's `access`, so an operation added to
 * shared/operations later is covered without touching this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { ErrorCode } from '@shared/errors';
import { OPERATION_NAMES, operations, type Access, type OperationName } from '@shared/operations';
import { ALL_PERMISSIONS, type Permission } from '@shared/permissions';
import { dispatch, ok } from '../../helpers/dispatch';
import { addMember, addRole, signIn, signInOwner, tokenOf, type TestMember } from '../../helpers/people';
import { makeTestCore, OWNER, type TestCore } from '../../helpers/test-core';
import { OPERATION_SAMPLES } from './operation-samples';

let tc: TestCore;
let ownerToken: string;

beforeAll(async () => {
  tc = await makeTestCore();
  ownerToken = await signInOwner(tc);
});
afterAll(async () => {
  await tc?.close();
});

/** Builds each kind of caller once, on first use. */
const cache = new Map<string, Promise<TestMember>>();
function once(key: string, make: () => Promise<TestMember>): Promise<TestMember> {
  let found = cache.get(key);
  if (!found) {
    found = make();
    cache.set(key, found);
  }
  return found;
}

/** A member with no roles who has chosen their own password (so nothing else blocks them). */
const bareMember = () => once('bare', () => addMember(tc.core, ownerToken, { prefix: 'bare' }));
/** A member whose role holds every permission but those given. */
const memberWithAllBut = (...without: Permission[]) =>
  once(`all-but:${without.join(',')}`, async () => {
    const role = await addRole(
      tc.core,
      ownerToken,
      ALL_PERMISSIONS.filter((q) => !without.includes(q)),
    );
    return addMember(tc.core, ownerToken, { roleIds: [role.id], prefix: 'allbut' });
  });
/** A member whose role holds exactly `p`. */
const memberWithOnly = (p: Permission) =>
  once(`only:${p}`, async () => {
    const role = await addRole(tc.core, ownerToken, [p]);
    return addMember(tc.core, ownerToken, { roleIds: [role.id], prefix: 'only' });
  });
/** An admin: every permission by default. */
const admin = () => once('admin', () => addMember(tc.core, ownerToken, { admin: true, prefix: 'admin' }));
/** An admin from whom the super admin withdrew those given. */
const adminWithout = (...withdrawn: Permission[]) =>
  once(`admin-without:${withdrawn.join(',')}`, async () => {
    const made = await addMember(tc.core, ownerToken, { admin: true, prefix: 'limited' });
    await ok(tc.core, ownerToken, 'members.setWithdrawnPermissions', { id: made.id, withdrawn });
    return made;
  });

/** The error code (or OK) a call answers; with an empty input unless told to use the valid sample. */
async function codeFor(
  token: string | null,
  name: OperationName,
  input: 'empty' | 'sample' = 'empty',
): Promise<ErrorCode | 'OK'> {
  const outcome = await dispatch(tc.core, token, name, input === 'sample' ? OPERATION_SAMPLES[name] : {});
  return outcome.ok ? 'OK' : outcome.error.code;
}

/**
 * What a caller allowed to call an operation, with an input its schema accepts, may be answered:
 * anything that comes from a handler, not a refusal and not a crash. The samples point at rows that
 * do not exist (NOT_FOUND), ask for what a core without WhatsApp cannot do (CONFLICT), or are
 * refused by the handler's own checks (VALIDATION naming a field, e.g. a wrong current password).
 */
const HANDLED: (ErrorCode | 'OK')[] = ['OK', 'NOT_FOUND', 'CONFLICT', 'VALIDATION'];

/** Callers who must be refused an operation, derived from its access rule. */
async function refusedCallers(access: Access): Promise<{ who: string; member: TestMember }[]> {
  switch (access.kind) {
    case 'public':
    case 'signedIn':
      return [];
    case 'superAdmin':
      return [{ who: 'an admin holding every permission', member: await admin() }];
    case 'permission': {
      const p = access.permission;
      const refused = [
        { who: 'a member with no roles', member: await bareMember() },
        { who: `a member holding everything but ${p}`, member: await memberWithAllBut(p) },
        { who: `an admin from whom ${p} was withdrawn`, member: await adminWithout(p) },
      ];
      if (access.adminOnly) {
        refused.push({
          who: `a member (not admin) holding ${p} via a role`,
          member: await memberWithOnly(p),
        });
      }
      return refused;
    }
    case 'anyPermission': {
      // Refused only by holding none of them: each one alone is enough (see allowedCallers).
      const names = access.permissions.join(' and ');
      return [
        { who: 'a member with no roles', member: await bareMember() },
        {
          who: `a member holding everything but ${names}`,
          member: await memberWithAllBut(...access.permissions),
        },
        {
          who: `an admin from whom ${names} were withdrawn`,
          member: await adminWithout(...access.permissions),
        },
      ];
    }
    default: {
      const unknown: never = access;
      throw new Error(`this test does not know the access rule ${JSON.stringify(unknown)}`);
    }
  }
}

/** Callers who each hold exactly one way in: every permission of an any-of rule alone. */
async function allowedCallers(access: Access): Promise<(string | null)[]> {
  if (access.kind !== 'anyPermission') return [await allowedCaller(access)];
  const out: string[] = [];
  for (const p of access.permissions) out.push(tokenOf(await memberWithOnly(p)));
  return out;
}

/** A caller who holds exactly what the operation needs, and is not the super admin where possible. */
async function allowedCaller(access: Access): Promise<string | null> {
  switch (access.kind) {
    case 'public':
      return null;
    case 'signedIn': {
      // A fresh session, so an operation like auth.logout cannot spoil a shared one.
      const member = await bareMember();
      return (await signIn(tc.core, member.username, member.password)).token;
    }
    case 'superAdmin':
      return (await signIn(tc.core, OWNER.username, OWNER.password)).token;
    case 'permission': {
      const member = access.adminOnly ? await admin() : await memberWithOnly(access.permission);
      return tokenOf(member);
    }
    case 'anyPermission':
      return tokenOf(await memberWithOnly(access.permissions[0]));
    default: {
      const unknown: never = access;
      throw new Error(`this test does not know the access rule ${JSON.stringify(unknown)}`);
    }
  }
}

/** A token whose session was logged out; made once. */
let endedToken: Promise<string> | undefined;
function loggedOutToken(): Promise<string> {
  endedToken ??= (async () => {
    const member = await bareMember();
    const { token } = await signIn(tc.core, member.username, member.password);
    await ok(tc.core, token, 'auth.logout', {});
    return token;
  })();
  return endedToken;
}

/** The super admin's token; a fresh session for `signedIn` operations, which may end the one used. */
async function ownerTokenFor(access: Access): Promise<string> {
  return access.kind === 'signedIn'
    ? (await signIn(tc.core, OWNER.username, OWNER.password)).token
    : ownerToken;
}

describe('every operation in shared/operations', () => {
  it('is declared with a summary, an input schema and a sample input that schema accepts', () => {
    expect(OPERATION_NAMES.length).toBeGreaterThan(0);
    for (const name of OPERATION_NAMES) {
      expect(operations[name].summary.length, name).toBeGreaterThan(0);
      const parsed = (operations[name].input as z.ZodType).safeParse(OPERATION_SAMPLES[name]);
      expect(parsed.error?.issues ?? [], name).toEqual([]);
    }
  });

  describe.each(OPERATION_NAMES.map((name) => ({ name, access: operations[name].access })))(
    '$name ($access.kind)',
    ({ name, access }) => {
      // Only the cases that apply to this access rule are declared, so nothing is skipped silently.
      if (access.kind === 'public') {
        it('is open to an anonymous caller', async () => {
          expect(HANDLED).toContain(await codeFor(null, name, 'sample'));
        });
      } else {
        it('refuses an anonymous caller, a forged token and an ended session with UNAUTHENTICATED', async () => {
          expect(await codeFor(null, name)).toBe('UNAUTHENTICATED');
          expect(await codeFor('ws_forged-token-that-was-never-issued', name)).toBe('UNAUTHENTICATED');
          expect(await codeFor(await loggedOutToken(), name)).toBe('UNAUTHENTICATED');
        });
      }

      if (access.kind === 'permission' || access.kind === 'anyPermission' || access.kind === 'superAdmin') {
        it('refuses every signed-in caller who lacks its access with FORBIDDEN', async () => {
          const refused = await refusedCallers(access);
          expect(refused.length).toBeGreaterThan(0);
          for (const { who, member } of refused) {
            // They have chosen their own password, so only the access rule can refuse them.
            const session = await ok(tc.core, tokenOf(member), 'auth.session', {});
            expect(session.user.mustChangePassword, who).toBe(false);
            expect(await codeFor(tokenOf(member), name), who).toBe('FORBIDDEN');
          }
        });
      }

      it('lets through a caller who holds exactly its access (the check is not a blanket refusal)', async () => {
        for (const token of await allowedCallers(access)) {
          expect(HANDLED).toContain(await codeFor(token, name, 'sample'));
        }
      });

      it('has a handler: the super admin with a valid input gets past validation to an answer', async () => {
        expect(HANDLED).toContain(await codeFor(await ownerTokenFor(access), name, 'sample'));
      });
    },
  );
});
