import type { CoreContext } from '../core-context';
import { OrganizationEntity } from '../db/entities/organization';
import { UserEntity } from '../db/entities/user';
import { toE164 } from '../util/phone';

/**
 * config.toml gives the first-run values only. The organization (name, default country, time zone)
 * is created from it once; after that it is edited in the app (Settings → Organization), stored in
 * the database and audited, and later edits of config.toml's [organization] change nothing. The
 * super admin is created from it once too and must change the initial password at first login;
 * later edits of `initial_password` change nothing (use `npm run cli -- user reset-password`).
 */
export async function applyConfig(ctx: CoreContext): Promise<{ superAdminCreated: boolean }> {
  const { organization, super_admin: admin } = ctx.config;
  const now = ctx.clock.now();
  return ctx.tx.run(async (m) => {
    const organizations = m.getRepository(OrganizationEntity);
    if (!(await organizations.existsBy({ id: 1 }))) {
      await organizations.insert({
        id: 1,
        name: organization.name,
        defaultCountry: organization.default_country,
        timeZone: organization.time_zone,
        locale: null,
        updatedAt: now,
      });
    }
    const users = m.getRepository(UserEntity);
    if (await users.existsBy({ kind: 'super_admin' })) return { superAdminCreated: false };
    const result = await users.insert({
      username: admin.username,
      name: admin.name,
      email: admin.email.toLowerCase(),
      // Validated with the config, so toE164 cannot fail here.
      phone: admin.phone ? toE164(admin.phone, organization.default_country) : null,
      kind: 'super_admin',
      passwordHash: await ctx.passwords.hash(admin.initial_password),
      mustChangePassword: true,
      disabled: false,
      failedLogins: 0,
      lockedUntil: null,
      lastLoginAt: null,
      createdAt: now,
      updatedAt: now,
    });
    await ctx.audit.record(m, {
      actorUserId: null,
      action: 'super_admin.created',
      targetType: 'user',
      targetId: result.identifiers[0]!.id as number,
      details: { username: admin.username, source: 'config.toml' },
    });
    return { superAdminCreated: true };
  });
}
