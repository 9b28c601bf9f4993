import { z } from 'zod';
import { errorFromUnreadableAnswer } from '../errors';
import type { GraphTransport } from './graph-transport';

const sessionSchema = z.looseObject({ id: z.string().startsWith('upload:') });
const handleSchema = z.looseObject({ h: z.string().min(1) });

/**
 * Meta's Resumable Upload API (Graph's "Upload a file"): a session at `/{app-id}/uploads`, then the
 * bytes to `/{session-id}` with `Authorization: OAuth <token>` and `file_offset`, which answers a
 * file handle. The profile photo is set with such a handle (`profile_picture_handle`).
 */
export class UploadsApi {
  constructor(private readonly transport: GraphTransport) {}

  async upload(
    appId: string,
    file: { data: Buffer; mimeType: string; fileName: string },
  ): Promise<{ handle: string }> {
    const session = await this.transport.json(
      {
        method: 'POST',
        target: `${encodeURIComponent(appId)}/uploads`,
        query: { file_name: file.fileName, file_length: file.data.length, file_type: file.mimeType },
      },
      sessionSchema,
    );
    // The session id is `upload:<opaque>` and may carry its own `?sig=…`; it is used exactly as given,
    // under the version root (a bare `upload:` would read as a URL scheme).
    const target = new URL(`./${session.id}`, this.transport.versionRoot);
    if (target.origin !== this.transport.versionRoot.origin) {
      throw errorFromUnreadableAnswer(200, { method: 'POST', path: '/uploads' }, 'An odd upload session id');
    }
    const answer = await this.transport.json(
      {
        method: 'POST',
        target,
        bytes: { data: file.data, contentType: file.mimeType },
        headers: { file_offset: '0' },
        authScheme: 'OAuth',
      },
      handleSchema,
    );
    return { handle: answer.h };
  }
}
