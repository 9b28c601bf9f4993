import { app, session, shell } from 'electron';
import { mayNavigate, mayUsePermission, windowOpenAction } from '../core/desktop/web-guards';
import { CONTENT_SECURITY_POLICY } from '../core/server/security-headers';

/**
 * The session's permissions: the page may write to the clipboard and nothing else
 * (core/desktop/web-guards.ts decides). Checks and requests both go through the same rule.
 */
export function securePermissions(rendererUrl: string): void {
  const defaultSession = session.defaultSession;
  defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(mayUsePermission(permission, details.requestingUrl, rendererUrl));
  });
  defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    mayUsePermission(permission, details.requestingUrl ?? requestingOrigin, rendererUrl),
  );
  // The app:// handler sets the policy on what it serves; the dev server's answers get it here.
  defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}

/**
 * Every web contents ever created (the window, and any other that something might open) is held
 * to the app: no new windows (web links go to the browser), no webviews, no navigation or redirect
 * of any frame away from the app's own page.
 */
export function guardWebContents(rendererUrl: string): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      const { openExternally } = windowOpenAction(url);
      if (openExternally) void shell.openExternal(openExternally);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event) => {
      if (!mayNavigate(event.url, rendererUrl)) event.preventDefault();
    });
    contents.on('will-frame-navigate', (event) => {
      if (!mayNavigate(event.url, rendererUrl)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!mayNavigate(event.url, rendererUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
