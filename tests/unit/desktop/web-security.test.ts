/**
 * The Electron shell's guards, with Electron replaced by stand-ins (no binary here): every web
 * contents is held to the app, and the session grants only what the page needs.
 */
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL } from '../../../electron/core/desktop/app-url';

type Handler = (...args: unknown[]) => unknown;

const electron = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- vi.hoisted runs before imports
  const { EventEmitter: Emitter } = require('node:events') as typeof import('node:events');
  const handlers: Record<string, Handler> = {};
  return {
    handlers,
    opened: [] as string[],
    app: new Emitter(),
    shell: { openExternal: (url: string) => Promise.resolve(void electron.opened.push(url)) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Handler) => void (handlers.request = h),
        setPermissionCheckHandler: (h: Handler) => void (handlers.check = h),
        webRequest: { onHeadersReceived: (h: Handler) => void (handlers.headers = h) },
      },
    },
  };
});
vi.mock('electron', () => electron);

const { guardWebContents, securePermissions } = await import('../../../electron/main/web-security');

class FakeContents extends EventEmitter {
  openHandler: Handler | null = null;
  setWindowOpenHandler(handler: Handler) {
    this.openHandler = handler;
  }
  /** Emits an Electron-style event and says whether a listener prevented it. */
  attempt(name: string, details: Record<string, unknown> = {}): boolean {
    let prevented = false;
    this.emit(name, { ...details, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

beforeEach(() => {
  electron.app.removeAllListeners();
  electron.opened.length = 0;
});

describe('guardWebContents', () => {
  function created(): FakeContents {
    guardWebContents(APP_ENTRY_URL);
    const contents = new FakeContents();
    electron.app.emit('web-contents-created', {}, contents);
    return contents;
  }

  it('keeps every frame on the app: navigation, frame navigation and redirects elsewhere are stopped', () => {
    const contents = created();
    expect(contents.attempt('will-navigate', { url: 'https://evil.example/' })).toBe(true);
    expect(contents.attempt('will-frame-navigate', { url: 'file:///etc/passwd' })).toBe(true);
    expect(contents.attempt('will-redirect', { url: 'https://evil.example/' })).toBe(true);
    expect(contents.attempt('will-navigate', { url: 'app://wapidesk/index.html#/inbox' })).toBe(false);
    expect(contents.attempt('will-redirect', { url: 'app://wapidesk/index.html' })).toBe(false);
  });

  it('refuses webviews and new windows; https links open in the browser', async () => {
    const contents = created();
    expect(contents.attempt('will-attach-webview')).toBe(true);
    expect(contents.openHandler?.({ url: 'https://business.facebook.com/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'app://wapidesk/index.html' })).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(electron.opened).toEqual(['https://business.facebook.com/']);
  });
});

describe('securePermissions', () => {
  it('grants the page clipboard writes only, and denies everything else, requested or checked', () => {
    securePermissions(APP_ENTRY_URL);
    const answers: boolean[] = [];
    const request = (permission: string, url: string) =>
      electron.handlers.request!({}, permission, (granted: boolean) => answers.push(granted), {
        requestingUrl: url,
        isMainFrame: true,
      });
    request('clipboard-sanitized-write', 'app://wapidesk/index.html');
    request('notifications', 'app://wapidesk/index.html');
    request('media', 'app://wapidesk/index.html');
    request('clipboard-sanitized-write', 'https://evil.example/');
    expect(answers).toEqual([true, false, false, false]);
    const check = (permission: string, origin: string, requestingUrl?: string) =>
      electron.handlers.check!({}, permission, origin, { requestingUrl, isMainFrame: true });
    expect(check('clipboard-sanitized-write', 'app://wapidesk', 'app://wapidesk/index.html')).toBe(true);
    expect(check('geolocation', 'app://wapidesk', 'app://wapidesk/index.html')).toBe(false);
    expect(check('clipboard-sanitized-write', 'https://evil.example')).toBe(false);
  });
});
