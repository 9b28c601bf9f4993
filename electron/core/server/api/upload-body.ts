import express, { type Request, type Response } from 'express';
import { AppError } from '@shared/errors';

/** A 100 MB document, base64 in JSON (4/3) with room for the other fields. */
const JSON_LIMIT = '140mb';
/** A 100 MB document in a multipart body, with room for the other parts. */
const MULTIPART_LIMIT = '101mb';

const largeJson = express.json({ limit: JSON_LIMIT });
const rawMultipart = express.raw({ type: 'multipart/form-data', limit: MULTIPART_LIMIT });

/**
 * The body of an upload route (`POST /media`), read only once the token has been checked: JSON (the
 * file in base64, or a link), or multipart/form-data whose `file` part becomes `fileName`,
 * `mimeType` and `contentBase64`, the other parts being plain fields. Multipart is parsed by the
 * Fetch API's FormData reader built into Node (undici), so no parser of our own.
 */
export async function readUploadBody(req: Request, res: Response): Promise<Record<string, unknown>> {
  const type = req.get('content-type') ?? '';
  if (/^multipart\/form-data/i.test(type)) {
    await run(rawMultipart, req, res);
    return formToInput(await readForm(req.body, type));
  }
  await run(largeJson, req, res);
  const body: unknown = req.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body } : {};
}

function run(parser: express.RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) =>
    parser(req, res, (error?: unknown) => {
      if (!error) return resolve();
      const status = (error as { status?: unknown }).status;
      reject(
        new AppError(
          'VALIDATION',
          status === 413 ? 'Request too large: a file may be at most 100 MB' : 'Malformed request body',
        ),
      );
    }),
  );
}

async function readForm(body: unknown, contentType: string): Promise<FormData> {
  if (!Buffer.isBuffer(body)) throw new AppError('VALIDATION', 'Malformed multipart body');
  try {
    return await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new AppError('VALIDATION', 'Malformed multipart body');
  }
}

async function formToInput(form: FormData): Promise<Record<string, unknown>> {
  const input: Record<string, unknown> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') {
      if (name !== 'contentBase64') input[name] = value;
      continue;
    }
    if (name !== 'file') continue;
    input.contentBase64 = Buffer.from(await value.arrayBuffer()).toString('base64');
    input.fileName ??= value.name || 'file';
    input.mimeType ??= value.type;
  }
  return input;
}
