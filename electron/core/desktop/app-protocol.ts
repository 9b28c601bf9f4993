import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../server/security-headers';
import { APP_HOST, APP_SCHEME } from './app-url';

/** What the `app://` handler answers; main turns it into a fetch `Response`. */
export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
};

/** Every answer carries the policy: the page's only source of truth is this handler. */
function headers(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
}

function refuse(status: number, text: string): AppResponse {
  return { status, headers: headers('text/plain; charset=utf-8'), body: text };
}

/**
 * The file a request for `app://wapidesk/<path>` may read, or null when the path could leave the
 * renderer folder. Segments are decoded one by one, so `%2e%2e`, `%2f` and `%5c` cannot smuggle a
 * `..` or a separator past the URL parser's own normalisation; the resolved path must still lie
 * inside `rendererDir`.
 */
export function resolveAppPath(rendererDir: string, pathname: string): string | null {
  const segments: string[] = [];
  for (const raw of pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '.' || segment === '..' || /[/\\\0:]/.test(segment)) return null;
    segments.push(segment);
  }
  if (segments.length === 0) segments.push('index.html');
  const root = resolve(rendererDir);
  const file = resolve(root, ...segments);
  const inside = relative(root, file);
  if (!inside || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return null;
  return file;
}

/**
 * Answers one request of the `app://` scheme from the built renderer folder: GET (or HEAD) of a
 * file inside it, with its content type and the Content Security Policy. Other hosts, methods,
 * and any path that would leave the folder are refused.
 */
export async function serveAppRequest(
  rendererDir: string,
  url: string,
  method = 'GET',
): Promise<AppResponse> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse(400, 'Bad request');
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname.toLowerCase() !== APP_HOST) {
    return refuse(404, 'Not found');
  }
  if (method !== 'GET' && method !== 'HEAD') return refuse(405, 'Method not allowed');
  const file = resolveAppPath(rendererDir, parsed.pathname);
  if (!file) return refuse(403, 'Forbidden');
  try {
    const body = await readFile(file);
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    return { status: 200, headers: headers(type), body: method === 'HEAD' ? '' : body };
  } catch {
    return refuse(404, 'Not found');
  }
}
