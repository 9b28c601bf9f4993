import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { desktopIntegration } from '../../../electron/core/desktop/desktop-integration';
import {
  DESKTOP_PREFERENCES_FILE,
  DesktopPreferencesStore,
} from '../../../electron/core/desktop/desktop-preferences';
import type { LoginItem } from '../../../electron/core/desktop/login-item';
import { CapturingLogger } from '../../helpers/logger';
import { makeTempDir } from '../../helpers/test-core';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function fakeLoginItem(available = true): LoginItem & { enabled: boolean; calls: boolean[] } {
  const item = {
    available,
    enabled: false,
    calls: [] as boolean[],
    isEnabled: () => item.enabled,
    setEnabled(on: boolean) {
      item.calls.push(on);
      item.enabled = on;
    },
  };
  return item;
}

describe('desktop.json', () => {
  it('starts from the defaults and keeps what was changed across restarts, readable only by the user', () => {
    dir = makeTempDir('wapidesk-prefs-');
    const logger = new CapturingLogger();
    const store = DesktopPreferencesStore.inDataFolder(dir, logger);
    expect(store.get()).toEqual({
      doNotDisturb: false,
      notificationSound: true,
      notifyUserId: null,
      trayHintShown: false,
    });
    const heard: boolean[] = [];
    store.onChange((p) => heard.push(p.doNotDisturb));
    store.update({ doNotDisturb: true, notifyUserId: 7 });
    store.update({ doNotDisturb: true });
    expect(heard).toEqual([true]);
    const again = DesktopPreferencesStore.inDataFolder(dir, logger);
    expect(again.get()).toMatchObject({ doNotDisturb: true, notifyUserId: 7 });
    if (process.platform !== 'win32') {
      expect(statSync(join(dir, DESKTOP_PREFERENCES_FILE)).mode & 0o777).toBe(0o600);
    }
    expect(logger.lines).toEqual([]);
  });

  it('a damaged file gives the defaults and a warning, and is replaced at the next change', () => {
    dir = makeTempDir('wapidesk-prefs-');
    writeFileSync(join(dir, DESKTOP_PREFERENCES_FILE), 'not json');
    const logger = new CapturingLogger();
    const store = DesktopPreferencesStore.inDataFolder(dir, logger);
    expect(store.get().doNotDisturb).toBe(false);
    expect(logger.lines[0]?.message).toMatch(/desktop\.json is not valid JSON/);
    store.update({ notificationSound: false });
    expect(JSON.parse(readFileSync(join(dir, DESKTOP_PREFERENCES_FILE), 'utf8'))).toMatchObject({
      notificationSound: false,
    });
  });
});

describe('desktopIntegration (what desktop.preferences and desktop.setPreferences reach)', () => {
  it('reads start-at-login from the system and the rest from desktop.json, for the caller', () => {
    dir = makeTempDir('wapidesk-prefs-');
    const store = DesktopPreferencesStore.inDataFolder(dir, new CapturingLogger());
    store.update({ notifyUserId: 3 });
    const login = fakeLoginItem();
    const desktop = desktopIntegration(store, login);
    expect(desktop.preferences(3)).toEqual({
      launchAtLogin: false,
      launchAtLoginAvailable: true,
      doNotDisturb: false,
      notificationSound: true,
      notifiesYou: true,
    });
    expect(desktop.preferences(4).notifiesYou).toBe(false);

    const changed = desktop.setPreferences({ launchAtLogin: true, doNotDisturb: true }, 3);
    expect(changed).toMatchObject({ launchAtLogin: true, doNotDisturb: true });
    expect(login.calls).toEqual([true]);
    expect(store.get().doNotDisturb).toBe(true);
    // Asking again for what is already so does not touch the system.
    desktop.setPreferences({ launchAtLogin: true }, 3);
    expect(login.calls).toEqual([true]);
  });

  it('says when this build cannot start at login, and refuses to turn it on', () => {
    dir = makeTempDir('wapidesk-prefs-');
    const store = DesktopPreferencesStore.inDataFolder(dir, new CapturingLogger());
    const desktop = desktopIntegration(store, {
      available: false,
      isEnabled: () => true,
      setEnabled: () => {
        throw new Error('Starting at login is only available in the installed app');
      },
    });
    expect(desktop.preferences(1)).toMatchObject({ launchAtLogin: false, launchAtLoginAvailable: false });
    expect(() => desktop.setPreferences({ launchAtLogin: true }, 1)).toThrow(/installed app/);
  });
});
