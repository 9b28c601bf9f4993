import type { RequestHandler } from 'express';

/**
 * The renderer's Content Security Policy: only our own scripts; inline styles because Vuetify sets
 * its theme variables in a style tag; nothing may frame the page. Images, video and audio may be
 * `blob:` URLs: library previews are fetched from the bridge (or over IPC) and shown that way.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  // Photos, voice notes and videos of conversations are shown from blob: URLs the renderer makes
  // from bytes it fetched with its own credentials (renderer/src/api/media-url.ts); library previews
  // come the same way from the bridge or over IPC.
  "media-src 'self' blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  next();
};
