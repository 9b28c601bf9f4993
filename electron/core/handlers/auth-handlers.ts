import type { AuthService } from '../auth/auth-service';
import type { CoreContext } from '../core-context';
import { actorOf, type HandlerMap } from '../dispatcher/handler';
import { APP_VERSION } from '../version';

type AuthHandlers = Pick<
  HandlerMap,
  'system.info' | 'auth.login' | 'auth.session' | 'auth.logout' | 'auth.changePassword'
>;

export function authHandlers(ctx: CoreContext, auth: AuthService): AuthHandlers {
  return {
    'system.info': async () => {
      return {
        appName: 'Wapidesk',
        version: APP_VERSION,
        organizationName: ctx.organization.current().name,
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
