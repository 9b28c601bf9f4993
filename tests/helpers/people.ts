import type { Permission } from '@shared/permissions';
import type { LoginResult, MemberDto, RoleDto } from '@shared/types/people';
import type { Core } from '../../electron/core/create-core';
import { ok } from './dispatch';
import { OWNER, type TestCore } from './test-core';

export interface SignedIn {
  token: string;
  login: LoginResult;
}

/** Signs in through the dispatcher and returns the session token. */
export async function signIn(core: Core, login: string, password: string): Promise<SignedIn> {
  const result = await ok(core, null, 'auth.login', { login, password });
  if (!result.token) throw new Error('auth.login returned no token');
  return { token: result.token, login: result };
}

/**
 * Signs the super admin in and, on the first call for a core, replaces the initial password as the
 * first sign-in demands. Later calls sign in with the chosen password.
 */
export async function signInOwner(tc: TestCore): Promise<string> {
  if (!ownerReady.has(tc.core)) {
    const first = await signIn(tc.core, OWNER.username, OWNER.initialPassword);
    await ok(tc.core, first.token, 'auth.changePassword', {
      currentPassword: OWNER.initialPassword,
      newPassword: OWNER.password,
    });
    ownerReady.add(tc.core);
    return first.token;
  }
  return (await signIn(tc.core, OWNER.username, OWNER.password)).token;
}
const ownerReady = new WeakSet<Core>();

let serial = 0;
/** A username no other test in this process has used. */
export function uniqueUsername(prefix = 'user'): string {
  serial += 1;
  return `${prefix}${serial}`.toLowerCase();
}

export interface TestMember {
  id: number;
  username: string;
  email: string;
  /** The password the member holds now (their own, once `ready`). */
  password: string;
  /** The password their creator set. */
  firstPassword: string;
  /** A session token; null when `signIn: false`. */
  token: string | null;
  dto: MemberDto;
}

export interface AddMemberOptions {
  roleIds?: number[];
  /** Make them an admin (needs an admin or the super admin as `actorToken`). */
  admin?: boolean;
  /** Sign in and replace the password set by the creator, as a new member must (default true). */
  ready?: boolean;
  /** Sign in at all (default true). */
  signIn?: boolean;
  prefix?: string;
}

/** Creates a member through the dispatcher, as an admin would in the app. */
export async function addMember(
  core: Core,
  actorToken: string,
  options: AddMemberOptions = {},
): Promise<TestMember> {
  const username = uniqueUsername(options.prefix ?? 'member');
  const email = `${username}@shop.test`;
  const firstPassword = `first-${username}-pw`;
  let dto = await ok(core, actorToken, 'members.create', {
    username,
    name: `Member ${username}`,
    email,
    password: firstPassword,
    roleIds: options.roleIds ?? [],
  });
  if (options.admin) dto = await ok(core, actorToken, 'members.setAdmin', { id: dto.id, admin: true });
  if (options.signIn === false) {
    return { id: dto.id, username, email, password: firstPassword, firstPassword, token: null, dto };
  }
  const { token } = await signIn(core, username, firstPassword);
  if (options.ready === false) {
    return { id: dto.id, username, email, password: firstPassword, firstPassword, token, dto };
  }
  const password = `own-${username}-password`;
  await ok(core, token, 'auth.changePassword', { currentPassword: firstPassword, newPassword: password });
  return { id: dto.id, username, email, password, firstPassword, token, dto };
}

/** Creates a role with exactly these permissions. */
export function addRole(
  core: Core,
  actorToken: string,
  permissions: Permission[],
  name?: string,
): Promise<RoleDto> {
  return ok(core, actorToken, 'roles.create', {
    name: name ?? uniqueUsername('role'),
    description: 'made by a test',
    permissions,
  });
}

/** A token a signed-in member must have; narrows `string | null`. */
export function tokenOf(member: TestMember): string {
  if (!member.token) throw new Error(`${member.username} was created without signing in`);
  return member.token;
}
