import { actorOf, type HandlerMap } from '../dispatcher/handler';
import type { SettingsService } from '../settings/settings-service';

type SettingsHandlers = Pick<
  HandlerMap,
  | 'settings.connection'
  | 'settings.setSecret'
  | 'settings.revealVerifyToken'
  | 'settings.retryWebhooks'
  | 'settings.acknowledgeTunnelUrl'
>;

export function settingsHandlers(settings: SettingsService): SettingsHandlers {
  return {
    'settings.connection': () => settings.connection(),
    'settings.setSecret': (input, c) => settings.setSecret(actorOf(c), input.name, input.value),
    'settings.revealVerifyToken': () => settings.revealVerifyToken(),
    'settings.retryWebhooks': () => settings.retryWebhooks(),
    'settings.acknowledgeTunnelUrl': () => settings.acknowledgeTunnelUrl(),
  };
}
