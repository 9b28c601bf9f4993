import type { DesktopPreferencesDto } from '@shared/types/desktop';
import type { DesktopPreferencesStore } from './desktop-preferences';
import type { LoginItem } from './login-item';

export interface DesktopPreferencesPatch {
  launchAtLogin?: boolean;
  doNotDisturb?: boolean;
  notificationSound?: boolean;
}

/**
 * What the Electron shell gives the core so that settings which only make sense in the desktop app
 * can be read and changed through operations (`desktop.*`), like any other setting. Headless mode
 * has none: `core.desktop` stays null there.
 */
export interface DesktopIntegration {
  preferences(forUserId: number): DesktopPreferencesDto;
  setPreferences(patch: DesktopPreferencesPatch, forUserId: number): DesktopPreferencesDto;
}

/** The desktop integration from this computer's preferences file and its login item. */
export function desktopIntegration(
  preferences: DesktopPreferencesStore,
  loginItem: LoginItem,
): DesktopIntegration {
  const dto = (forUserId: number): DesktopPreferencesDto => {
    const current = preferences.get();
    return {
      launchAtLogin: loginItem.available && loginItem.isEnabled(),
      launchAtLoginAvailable: loginItem.available,
      doNotDisturb: current.doNotDisturb,
      notificationSound: current.notificationSound,
      notifiesYou: current.notifyUserId === forUserId,
    };
  };
  return {
    preferences: dto,
    setPreferences(patch, forUserId) {
      if (patch.launchAtLogin !== undefined && patch.launchAtLogin !== dto(forUserId).launchAtLogin) {
        loginItem.setEnabled(patch.launchAtLogin);
      }
      const { launchAtLogin: _ignored, ...stored } = patch;
      if (Object.keys(stored).length) preferences.update(stored);
      return dto(forUserId);
    },
  };
}
