import { basename, dirname } from 'node:path';
import type { Request, Response } from 'express';
import type { Core } from '../create-core';
import { contentDisposition } from '../media/content-disposition';
import { baseMimeType, SENDABLE_TYPES } from '../media/media-types';
import { HTTP_STATUS } from './error-status';

/**
 * `GET /bridge/media/:id` on the UI bridge: a library file's bytes for the window's previews and
 * downloads. The renderer's CSP loads nothing from the public listener, so the page fetches this
 * with its session in the Authorization header and shows the answer as a `blob:` URL. Who may see
 * it is decided by the dispatcher (`media.get`, media.read); a customer's media is not served here.
 */
export async function serveMediaPreview(
  core: Core,
  sessionToken: string | null,
  req: Request,
  res: Response,
): Promise<void> {
  const id = Number(req.params.id);
  const allowed = await core.dispatcher.dispatch(
    'media.get',
    { id: Number.isSafeInteger(id) ? id : -1 },
    { transport: 'bridge', sessionToken },
  );
  if (!allowed.ok) {
    res.status(HTTP_STATUS[allowed.error.code]).json(allowed);
    return;
  }
  const found = await core.services.media.previewPath(id);
  if (!found) {
    res.status(404).json({ ok: false, error: { code: 'NOT_FOUND', message: 'The file is missing' } });
    return;
  }
  const type = baseMimeType(found.row.mimeType);
  const inline = found.row.kind !== 'document';
  res.setHeader('Content-Type', SENDABLE_TYPES[type] ? type : 'application/octet-stream');
  res.setHeader(
    'Content-Disposition',
    contentDisposition(inline ? 'inline' : 'attachment', found.row.fileName),
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('Cache-Control', 'private, no-store');
  res.sendFile(
    basename(found.path),
    { root: dirname(found.path), dotfiles: 'deny', cacheControl: false },
    (error) => {
      if (error && !res.headersSent)
        res.status(404).json({ ok: false, error: { code: 'NOT_FOUND', message: 'Not found' } });
    },
  );
}
