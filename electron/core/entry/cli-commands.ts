import { AppError } from '@shared/errors';
import { operations } from '@shared/operations';
import { ALL_PERMISSIONS, isPermission } from '@shared/permissions';
import type { CreatedApiToken } from '@shared/types/tokens';
import type { Core } from '../create-core';
import { superAdmin } from '../people/super-admin';
import { resetPassword, userBySignInName } from '../people/user-credentials';

/** Sets a password the user must change, lifts a lockout and ends the user's sessions. */
export async function resetPasswordFromCli(core: Core, login: string, password: string): Promise<void> {
  const { ctx, sessions } = core;
  const key = login.trim().toLowerCase();
  const user = await userBySignInName(ctx.db, key);
  if (!user) throw new AppError('NOT_FOUND', `No user "${login}"`);
  const passwordHash = await ctx.passwords.hash(password);
  await ctx.tx.run(async (m) => {
    await resetPassword(m, user.id, passwordHash, ctx.clock.now());
    await sessions.endAllFor(m, user.id);
    await ctx.audit.record(m, {
      actorUserId: null,
      action: 'user.password_reset_cli',
      targetType: 'user',
      targetId: user.id,
    });
  });
}

/**
 * Creates an API token as the super admin (headless installs have nobody signed in), checked by the
 * same schema as the app's form: `expires` is a date (`2027-06-30`, to the end of that day in the
 * shop's time zone) or an ISO 8601 time.
 */
export async function createTokenFromCli(
  core: Core,
  name: string,
  permissions: string[],
  expires: string | null = null,
): Promise<CreatedApiToken> {
  const unknown = permissions.filter((p) => !isPermission(p));
  if (unknown.length) throw new AppError('VALIDATION', `Unknown permission: ${unknown.join(', ')}`);
  const parsed = operations['tokens.create'].input.safeParse({ name, permissions, expiresAt: expires });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const option = issue?.path[0] === 'expiresAt' ? '--expires' : `--${String(issue?.path[0] ?? 'name')}`;
    throw new AppError('VALIDATION', `${option}: ${issue?.message ?? 'invalid'}`);
  }
  const owner = await superAdmin(core.ctx.db);
  const actor = { user: owner, sessionId: null, permissions: new Set(ALL_PERMISSIONS) };
  return core.services.tokens.create(
    actor,
    parsed.data.name,
    parsed.data.permissions,
    parsed.data.expiresAt ?? null,
  );
}
