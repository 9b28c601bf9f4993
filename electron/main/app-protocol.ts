import { protocol } from 'electron';
import { serveAppRequest } from '../core/desktop/app-protocol';
import { APP_SCHEME } from '../core/desktop/app-url';

/**
 * `app://` must be declared before the app is ready: standard (so relative URLs, `'self'` in the
 * Content Security Policy and the origin behave like https), secure (a secure context, like
 * https), and CORS-enabled because the page's scripts are ES modules, which Chromium fetches in CORS
 * mode (VS Code declares its vscode-file scheme the same way). It may not bypass the policy and has
 * no service workers; nothing but the app's own page is ever loaded in this session (web-security.ts).
 */
export function declareAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    },
  ]);
}

/** Serves the built renderer from `rendererDir` at app://wapidesk/ (core/desktop/app-protocol.ts). */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const answer = await serveAppRequest(rendererDir, request.url, request.method);
    const body = typeof answer.body === 'string' ? answer.body : new Uint8Array(answer.body);
    return new Response(body, { status: answer.status, headers: answer.headers });
  });
}
