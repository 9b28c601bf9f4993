import express, { Router, type Request, type Response } from 'express';
import { createHmac, randomBytes } from 'node:crypto';
import type { SandboxContext } from '../context';
import { graphErrors, sendGraphError } from '../graph-errors';
import { DEMO_APP_ID } from '../seed-data';
import type { UploadSession } from '../state';

/** What Meta's Resumable Upload API takes (Graph's "Upload a file" guide). */
const UPLOAD_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/jpg', 'image/png', 'video/mp4']);
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/**
 * The Resumable Upload API: `POST /{app-id}/uploads` opens a session (`upload:<id>?sig=…`), the
 * bytes go to `POST /upload:<id>` with `file_offset` (all at once, or the rest after an
 * interruption), and the last part answers `{ h: handle }`. `GET /upload:<id>` says how far it got.
 */
export function uploadRoutes(ctx: SandboxContext): Router {
  const router = Router();

  router.post('/:node/uploads', (req, res) => {
    if (req.params.node !== DEMO_APP_ID)
      return sendGraphError(res, graphErrors.unknownObject('POST', req.params.node));
    const fileType = String(req.query.file_type ?? '');
    const fileLength = Number(req.query.file_length);
    if (!UPLOAD_TYPES.has(fileType)) {
      return sendGraphError(
        res,
        graphErrors.invalidParameter(`file_type must be one of ${[...UPLOAD_TYPES].join(', ')}`),
      );
    }
    if (!Number.isInteger(fileLength) || fileLength < 1 || fileLength > MAX_UPLOAD_BYTES) {
      return sendGraphError(res, graphErrors.invalidParameter('file_length must be the file size in bytes'));
    }
    const key = randomBytes(18).toString('base64url');
    const id = `upload:${key}`;
    ctx.state.uploads.set(id, {
      id,
      fileName: String(req.query.file_name ?? 'file'),
      fileType,
      fileLength,
      received: [],
      offset: 0,
      handle: null,
    });
    res.json({ id: `${id}?sig=${signature(ctx, id)}` });
  });

  router.get('/:node', (req, res, next) => {
    const session = sessionOf(ctx, req);
    if (session === undefined) return next();
    if (!session) return sendGraphError(res, graphErrors.unknownObject('GET', req.params.node));
    res.json({ id: session.id, file_offset: session.offset });
  });

  router.post('/:node', express.raw({ type: () => true, limit: MAX_UPLOAD_BYTES }), (req, res, next) => {
    const session = sessionOf(ctx, req);
    if (session === undefined) return next();
    if (!session) return sendGraphError(res, graphErrors.unknownObject('POST', req.params.node));
    receive(ctx, session, req, res);
  });
  return router;
}

function receive(ctx: SandboxContext, session: UploadSession, req: Request, res: Response): void {
  const offset = Number(req.get('file_offset') ?? '0');
  if (offset !== session.offset) {
    return sendGraphError(res, graphErrors.invalidParameter(`file_offset must be ${session.offset}`));
  }
  const data = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  if (session.offset + data.length > session.fileLength) {
    return sendGraphError(res, graphErrors.invalidParameter('More bytes than file_length'));
  }
  session.received.push(data);
  session.offset += data.length;
  if (session.offset < session.fileLength)
    return void res.json({ id: session.id, file_offset: session.offset });
  session.handle ??= `4::${randomBytes(24).toString('base64url')}`;
  ctx.state.uploadedFiles.set(session.handle, {
    data: Buffer.concat(session.received),
    mimeType: session.fileType === 'image/jpg' ? 'image/jpeg' : session.fileType,
    fileName: session.fileName,
  });
  res.json({ h: session.handle });
}

/**
 * The session a request names: undefined when the node is not an upload session at all (another
 * route's business), null when it is one but unknown or its signature is wrong.
 */
function sessionOf(ctx: SandboxContext, req: Request): UploadSession | null | undefined {
  const node = String(req.params.node);
  if (!node.startsWith('upload:')) return undefined;
  const session = ctx.state.uploads.get(node);
  return session && req.query.sig === signature(ctx, node) ? session : null;
}

function signature(ctx: SandboxContext, id: string): string {
  return createHmac('sha256', ctx.mediaUrlKey).update(id).digest('base64url').slice(0, 22);
}
