/**
 * Where the desktop window's page comes from, and how main recognises it. The built renderer is
 * served from a privileged `app://wapidesk/` scheme (electron/main/app-protocol.ts) rather than
 * `file://`: a file URL's origin covers every file on the disk, `app://wapidesk` covers only the
 * renderer folder. The IPC sender check, the navigation guards and the permission handler all
 * decide through `isAppUrl`.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'wapidesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface RendererSource {
  /** `app.isPackaged`: an installed app never loads a page from elsewhere. */
  isPackaged: boolean;
  /** `ELECTRON_RENDERER_URL`, set by `electron-vite dev` for hot reload. */
  devServerUrl?: string | undefined;
}

/**
 * The page to load: the dev server only in an unpackaged build and only on this machine (an
 * environment variable must not be able to point an installed app at a web page that would get
 * `window.wapi`); the built renderer over `app://` otherwise.
 */
export function chooseRendererUrl(source: RendererSource): string {
  if (source.isPackaged || !source.devServerUrl) return APP_ENTRY_URL;
  const dev = parse(source.devServerUrl);
  if (!dev || dev.protocol !== 'http:' || !LOOPBACK_HOSTS.has(dev.hostname)) return APP_ENTRY_URL;
  return dev.href;
}

/**
 * True only for the app's own page: `app://wapidesk/…`, or the dev server's origin when that is
 * what `chooseRendererUrl` chose. Non-special schemes have an opaque `origin` in the URL standard,
 * so scheme and host are compared one by one; credentials and ports are never part of our URL.
 */
export function isAppUrl(url: string, rendererUrl: string): boolean {
  const candidate = parse(url);
  const app = parse(rendererUrl);
  if (!candidate || !app) return false;
  if (candidate.username || candidate.password) return false;
  if (app.protocol === `${APP_SCHEME}:`) {
    return (
      candidate.protocol === app.protocol &&
      candidate.host.toLowerCase() === APP_HOST &&
      candidate.port === ''
    );
  }
  return candidate.origin === app.origin;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
