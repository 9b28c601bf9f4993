import type { AuthService } from '../auth/auth-service';
import type { CoreContext } from '../core-context';
import { OrganizationEntity } from '../db/entities/organization';
import { actorOf, type HandlerMap } from '../dispatcher/handler';
import { APP_VERSION } from '../version';

type AuthHandlers = Pick<
  HandlerMap,
  'system.info' | 'auth.login' | 'auth.session' | 'auth.logout' | 'auth.changePassword'
>;

export function authHandlers(ctx: CoreContext, auth: AuthService): AuthHandlers {
  return {
    'system.info': async () => {
      const org = await ctx.db.getRepository(OrganizationEntity).findOneBy({ id: 1 });
      return {
        appName: 'Wapidesk',
        version: APP_VERSION,
        organizationName: org?.name ?? ctx.config.organization.name,
        whatsappMode: ctx.config.whatsapp.mode,
      };
    },
    'auth.login': (input, { caller }) => auth.login(input.login, input.password, caller.transport),
    'auth.session': (_input, c) => auth.sessionInfo(actorOf(c).user),
    'auth.logout': async (_input, c) => {
      await auth.logout(actorOf(c));
      return { ok: true };
    },
    'auth.changePassword': (input, c) =>
      auth.changePassword(actorOf(c), input.currentPassword, input.newPassword),
  };
}
