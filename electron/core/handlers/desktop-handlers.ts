import { AppError } from '@shared/errors';
import type { AuditLog } from '../audit/audit-log';
import type { CoreContext } from '../core-context';
import type { DesktopIntegration } from '../desktop/desktop-integration';
import { actorOf, type HandlerMap } from '../dispatcher/handler';

type DesktopHandlers = Pick<HandlerMap, 'desktop.preferences' | 'desktop.setPreferences'>;

/** The desktop app's settings; `desktop()` is null in headless mode, where they do not exist. */
export function desktopHandlers(
  ctx: Pick<CoreContext, 'tx'>,
  audit: AuditLog,
  desktop: () => DesktopIntegration | null,
): DesktopHandlers {
  return {
    'desktop.preferences': async (_input, c) => desktop()?.preferences(actorOf(c).user.id) ?? null,
    'desktop.setPreferences': async (input, c) => {
      const integration = desktop();
      if (!integration) throw new AppError('CONFLICT', 'These settings exist only in the desktop app');
      const actor = actorOf(c);
      let result;
      try {
        result = integration.setPreferences(input, actor.user.id);
      } catch (error) {
        throw new AppError(
          'CONFLICT',
          `Could not change the setting: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      await ctx.tx.run((m) =>
        audit.record(m, {
          actorUserId: actor.user.id,
          action: 'desktop.preferences_set',
          targetType: 'desktop',
          targetId: null,
          details: input,
        }),
      );
      return result;
    },
  };
}
