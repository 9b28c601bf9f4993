import { basename, dirname } from 'node:path';
import { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import type { MediaRow } from '../db/entities/media';
import { contentDisposition } from './content-disposition';
import type { MediaService } from './media-service';
import { baseMimeType, SENDABLE_TYPES } from './media-types';

/** Types a browser may show in place; everything else is a download. None of them can run script. */
const INLINE_TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'video/mp4',
  'video/3gpp',
  'audio/aac',
  'audio/amr',
  'audio/mpeg',
  'audio/mp4',
  'audio/ogg',
]);

/**
 * `GET /media/<storage name>` on the public listener, where Meta fetches `link` media. Safety rules:
 * a name must match the storage-name format exactly (so no `..`, slash, encoded or not, gets
 * through), must be in the database, and its file must resolve, after symbolic links, inside the
 * media folder; anything else is the same 404, and there is no listing. Names are 256-bit random,
 * so knowing a URL is what grants access to it.
 */
export function mediaRouter(media: MediaService): Router {
  // Strict: `/media/<name>/` is not the file; only the exact name is.
  const router = Router({ strict: true, caseSensitive: true });
  const serve: RequestHandler = async (req, res, next) => {
    const name = req.params.name;
    const found = typeof name === 'string' ? await media.servable(name) : null;
    if (!found) return notFound(req, res, next);
    const { type, disposition } = presentation(found.row);
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Disposition', contentDisposition(disposition, found.row.fileName));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Opened directly in a browser, nothing in it may run or load anything.
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Referrer-Policy', 'no-referrer');
    // The bytes under a name never change; `private` keeps shared caches from serving a deleted file.
    res.setHeader('Cache-Control', 'private, max-age=86400, immutable');
    // Relative to its folder: `send` checks for dot files in the part below `root` only, and the
    // data folder itself may well sit under a dot folder (~/.config/Wapidesk).
    const options = {
      root: dirname(found.path),
      cacheControl: false,
      dotfiles: 'deny',
      acceptRanges: true,
    } as const;
    res.sendFile(basename(found.path), options, (error) => {
      if (error && !res.headersSent) notFound(req, res, next);
    });
  };
  router.get('/:name', serve);
  router.use(notFound);
  // A malformed escape in the path (Express answers 400) is just another unknown name.
  const malformed: ErrorRequestHandler = (_error, req, res, next) => notFound(req, res, next);
  router.use(malformed);
  return router;
}

const notFound: RequestHandler = (_req, res) => {
  res.removeHeader('Content-Disposition');
  res.removeHeader('Cache-Control');
  res
    .status(404)
    .type('application/json')
    .json({ error: { code: 'NOT_FOUND', message: 'Not found' } });
};

function presentation(row: MediaRow): { type: string; disposition: 'inline' | 'attachment' } {
  const type = baseMimeType(row.mimeType);
  if (row.kind !== 'document' && INLINE_TYPES.has(type)) return { type, disposition: 'inline' };
  // A document keeps its type when it is one WhatsApp sends; an inbound file of any other type
  // (HTML, SVG, …) is served as opaque bytes.
  return { type: SENDABLE_TYPES[type] ? type : 'application/octet-stream', disposition: 'attachment' };
}
