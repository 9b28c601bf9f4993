import type { CoreContext } from '../core-context';
import { createOrganizationOnce } from '../organization/first-organization';
import { createSuperAdmin, superAdminExists } from '../people/super-admin';
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
    await createOrganizationOnce(
      m,
      {
        name: organization.name,
        defaultCountry: organization.default_country,
        timeZone: organization.time_zone,
      },
      now,
    );
    if (await superAdminExists(m)) return { superAdminCreated: false };
    const id = await createSuperAdmin(
      m,
      {
        username: admin.username,
        name: admin.name,
        email: admin.email.toLowerCase(),
        // Validated with the config, so toE164 cannot fail here.
        phone: admin.phone ? toE164(admin.phone, organization.default_country) : null,
        passwordHash: await ctx.passwords.hash(admin.initial_password),
      },
      now,
    );
    await ctx.audit.record(m, {
      actorUserId: null,
      action: 'super_admin.created',
      targetType: 'user',
      targetId: id,
      details: { username: admin.username, source: 'config.toml' },
    });
    return { superAdminCreated: true };
  });
}
