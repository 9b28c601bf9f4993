import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, chooseRendererUrl, isAppUrl } from '../../../electron/core/desktop/app-url';
import { mayNavigate, mayUsePermission, windowOpenAction } from '../../../electron/core/desktop/web-guards';

describe('chooseRendererUrl', () => {
  it('serves the built renderer over app:// in the installed app, whatever ELECTRON_RENDERER_URL says', () => {
    expect(chooseRendererUrl({ isPackaged: true, devServerUrl: 'http://localhost:5173/' })).toBe(
      APP_ENTRY_URL,
    );
    expect(chooseRendererUrl({ isPackaged: true, devServerUrl: 'https://evil.example/' })).toBe(
      APP_ENTRY_URL,
    );
    expect(chooseRendererUrl({ isPackaged: true })).toBe(APP_ENTRY_URL);
    expect(APP_ENTRY_URL).toBe('app://wapidesk/index.html');
  });

  it('uses the dev server of `electron-vite dev` in a development build, only on this machine', () => {
    expect(chooseRendererUrl({ isPackaged: false, devServerUrl: 'http://localhost:5173' })).toBe(
      'http://localhost:5173/',
    );
    expect(chooseRendererUrl({ isPackaged: false, devServerUrl: 'http://127.0.0.1:5173/' })).toBe(
      'http://127.0.0.1:5173/',
    );
    expect(chooseRendererUrl({ isPackaged: false, devServerUrl: 'http://shop.example:5173/' })).toBe(
      APP_ENTRY_URL,
    );
    expect(chooseRendererUrl({ isPackaged: false, devServerUrl: 'file:///tmp/index.html' })).toBe(
      APP_ENTRY_URL,
    );
    expect(chooseRendererUrl({ isPackaged: false, devServerUrl: 'not a url' })).toBe(APP_ENTRY_URL);
    expect(chooseRendererUrl({ isPackaged: false })).toBe(APP_ENTRY_URL);
  });
});

describe('isAppUrl (the IPC sender check and the navigation guard)', () => {
  it('accepts the app’s own page, with any route', () => {
    expect(isAppUrl('app://wapidesk/index.html', APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://wapidesk/index.html#/campaigns/12', APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://WAPIDESK/index.html', APP_ENTRY_URL)).toBe(true);
  });

  it('refuses every other origin, including look-alikes', () => {
    for (const url of [
      'app://wapidesk.evil/index.html',
      'app://evil/index.html',
      'app://user@wapidesk/index.html',
      'app://wapidesk:8080/index.html',
      'file:///home/shop/index.html',
      'https://wapidesk/index.html',
      'http://localhost:5173/',
      'about:blank',
      'devtools://devtools/bundled/inspector.html',
      '',
      'not a url',
    ]) {
      expect(isAppUrl(url, APP_ENTRY_URL), url).toBe(false);
    }
  });

  it('with the dev server, accepts only that origin', () => {
    const dev = 'http://localhost:5173/';
    expect(isAppUrl('http://localhost:5173/#/contacts', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('app://wapidesk/index.html', dev)).toBe(false);
  });
});

describe('web guards', () => {
  it('lets the window navigate within the app only', () => {
    expect(mayNavigate('app://wapidesk/index.html#/inbox', APP_ENTRY_URL)).toBe(true);
    expect(mayNavigate('https://www.facebook.com/', APP_ENTRY_URL)).toBe(false);
    expect(mayNavigate('file:///etc/passwd', APP_ENTRY_URL)).toBe(false);
  });

  it('opens https links in the browser and nothing else', () => {
    expect(windowOpenAction('https://developers.facebook.com/docs')).toEqual({
      openExternally: 'https://developers.facebook.com/docs',
    });
    for (const url of [
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'https://user:pass@example.com/',
      'nonsense',
    ]) {
      expect(windowOpenAction(url), url).toEqual({ openExternally: null });
    }
  });

  it('grants the page the clipboard write it uses and refuses every other permission', () => {
    expect(mayUsePermission('clipboard-sanitized-write', 'app://wapidesk', APP_ENTRY_URL)).toBe(true);
    expect(mayUsePermission('clipboard-sanitized-write', 'https://evil.example', APP_ENTRY_URL)).toBe(false);
    for (const permission of [
      'notifications',
      'media',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'hid',
    ]) {
      expect(mayUsePermission(permission, 'app://wapidesk/index.html', APP_ENTRY_URL), permission).toBe(
        false,
      );
    }
  });
});
