import { z } from 'zod';
import { errorFromUnreadableAnswer } from '../errors';
import type { GraphTransport } from './graph-transport';
import { graphId, successSchema } from './response-schemas';
import type { DownloadedMedia, MediaInfo, MediaUpload } from './types/media';

const uploadedSchema = z.looseObject({ id: graphId });

const mediaInfoSchema = z.looseObject({
  id: graphId,
  url: z.string(),
  mime_type: z.string(),
  sha256: z.string().optional(),
  file_size: z.union([z.number(), z.string()]).optional(),
});

/** Media of a phone number: upload, look up, download and delete (reference §4). */
export class MediaApi {
  constructor(private readonly transport: GraphTransport) {}

  async upload(phoneNumberId: string, file: MediaUpload): Promise<{ id: string }> {
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    // `type` is documented as required though Meta's own example leaves it out; sending it is safe.
    form.set('type', file.mimeType);
    const blob =
      file.data instanceof Blob ? file.data : new Blob([toArrayBuffer(file.data)], { type: file.mimeType });
    form.set('file', blob, file.filename ?? defaultFilename(file.mimeType));
    const answer = await this.transport.json(
      { method: 'POST', target: `${encodeURIComponent(phoneNumberId)}/media`, form },
      uploadedSchema,
    );
    return { id: answer.id };
  }

  async get(mediaId: string, options: { phoneNumberId?: string } = {}): Promise<MediaInfo> {
    const answer = await this.transport.json(
      {
        method: 'GET',
        target: encodeURIComponent(mediaId),
        query: { phone_number_id: options.phoneNumberId },
      },
      mediaInfoSchema,
    );
    const size = answer.file_size === undefined ? null : Number(answer.file_size);
    return {
      id: answer.id,
      url: answer.url,
      mimeType: answer.mime_type,
      sha256: answer.sha256 ?? null,
      fileSize: size !== null && Number.isFinite(size) ? size : null,
    };
  }

  /**
   * Downloads a media URL from `get` with the bearer token. The token goes only to an https URL or to
   * the configured API origin (the sandbox), never to a plain-http stranger.
   */
  async download(url: string): Promise<DownloadedMedia> {
    const target = new URL(url);
    if (target.protocol !== 'https:' && !this.transport.isSameOrigin(target)) {
      throw errorFromUnreadableAnswer(
        200,
        { method: 'GET', path: target.pathname },
        'media URL is not https',
      );
    }
    return this.transport.binary(target);
  }

  /** Looks the URL up afresh and downloads it: media URLs expire after minutes, ids after days. */
  async downloadById(
    mediaId: string,
    options: { phoneNumberId?: string } = {},
  ): Promise<DownloadedMedia & MediaInfo> {
    const info = await this.get(mediaId, options);
    return { ...info, ...(await this.download(info.url)) };
  }

  async delete(mediaId: string, options: { phoneNumberId?: string } = {}): Promise<boolean> {
    const answer = await this.transport.json(
      {
        method: 'DELETE',
        target: encodeURIComponent(mediaId),
        query: { phone_number_id: options.phoneNumberId },
      },
      successSchema,
    );
    return answer.success;
  }
}

/** A copy as a plain ArrayBuffer: Blob will not take a view over a SharedArrayBuffer. */
function toArrayBuffer(data: Uint8Array | ArrayBuffer): ArrayBuffer {
  if (data instanceof ArrayBuffer) return data;
  const copy = new Uint8Array(data.byteLength);
  copy.set(data);
  return copy.buffer;
}

function defaultFilename(mimeType: string): string {
  const subtype = mimeType.split('/')[1]?.split(/[;+]/)[0] ?? 'bin';
  return `file.${subtype}`;
}
