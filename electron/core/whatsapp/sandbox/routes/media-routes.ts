import express, { Router, type Request, type Response } from 'express';
import type { SandboxContext } from '../context';
import { graphErrors, sendGraphError } from '../graph-errors';
import { MEDIA_DOWNLOAD_PATH, mediaDownloadUrl, mediaForDownload, storeMedia } from '../media-store';
import { baseMimeType, mediaProblem } from '../media-types';
import { publicBase, requireAccessToken } from '../middleware';
import type { MediaRecord } from '../state';

/** `POST /{phone-number-id}/media`: multipart upload (reference §4). */
export function mediaUploadRoutes(ctx: SandboxContext): Router {
  const router = Router();
  router.post(
    '/:node/media',
    express.raw({ type: 'multipart/form-data', limit: '110mb' }),
    async (req, res) => {
      const number = ctx.state.phoneNumbers.get(req.params.node);
      if (!number) return sendGraphError(res, graphErrors.unknownObject('POST', req.params.node));
      const form = await readMultipart(req);
      if (!form)
        return sendGraphError(res, graphErrors.invalidParameter('The body must be multipart/form-data'));
      if (form.get('messaging_product') !== 'whatsapp') {
        return sendGraphError(
          res,
          graphErrors.invalidParameter('The parameter messaging_product is required.'),
        );
      }
      const file = form.get('file');
      if (!(file instanceof File))
        return sendGraphError(res, graphErrors.invalidParameter('The parameter file is required.'));
      // `type` is optional in practice (reference §4); when given it must agree with the file part.
      const declared = form.get('type');
      const mimeType = typeof declared === 'string' && declared ? declared : file.type;
      if (file.type && baseMimeType(file.type) !== baseMimeType(mimeType)) {
        return sendGraphError(
          res,
          graphErrors.mediaError(`type ${mimeType} does not match the file's ${file.type}`),
        );
      }
      const data = Buffer.from(await file.arrayBuffer());
      const problem = mediaProblem(mimeType, data);
      if (problem) return sendGraphError(res, graphErrors.mediaError(problem));
      const record = storeMedia(ctx, {
        phoneNumberId: number.id,
        mimeType,
        data,
        filename: file.name || null,
      });
      res.json({ id: record.id });
    },
  );
  return router;
}

/** The download URL handed out by `GET /{media-id}`: bearer token required, 404 once expired. */
export function mediaDownloadRoutes(ctx: SandboxContext): Router {
  const router = Router();
  router.get(MEDIA_DOWNLOAD_PATH, requireAccessToken(ctx), (req, res) => {
    const query = new URL(req.originalUrl, 'http://sandbox').searchParams;
    const record = mediaForDownload(ctx, query);
    if (!record) {
      res.status(404).type('text/plain').send('Media not found or URL expired: look the media id up again.');
      return;
    }
    res.status(200).type(record.mimeType).send(record.data);
  });
  return router;
}

/** `GET /{media-id}` for a media node. */
export function describeMedia(ctx: SandboxContext, req: Request, res: Response, record: MediaRecord): void {
  if (!belongsToAskedNumber(req, record))
    return sendGraphError(res, graphErrors.unknownObject('GET', record.id));
  const size = ctx.config().mediaFileSizeAs === 'number' ? record.data.length : String(record.data.length);
  res.json({
    messaging_product: 'whatsapp',
    url: mediaDownloadUrl(ctx, record, publicBase(req)),
    mime_type: record.mimeType,
    sha256: record.sha256,
    file_size: size,
    id: record.id,
  });
}

/** `DELETE /{media-id}` for a media node. */
export function deleteMedia(ctx: SandboxContext, req: Request, res: Response, record: MediaRecord): void {
  if (!belongsToAskedNumber(req, record))
    return sendGraphError(res, graphErrors.unknownObject('DELETE', record.id));
  ctx.state.media.delete(record.id);
  res.json({ success: true });
}

/** With `?phone_number_id=`, Meta only serves media of that number. */
function belongsToAskedNumber(req: Request, record: MediaRecord): boolean {
  const asked = req.query.phone_number_id;
  return typeof asked !== 'string' || asked === record.phoneNumberId;
}

async function readMultipart(req: Request): Promise<FormData | null> {
  const contentType = req.get('content-type') ?? '';
  if (!Buffer.isBuffer(req.body) || !contentType.startsWith('multipart/form-data')) return null;
  try {
    // undici's Response parses multipart bodies; no extra dependency needed.
    return await new globalThis.Response(req.body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return null;
  }
}
