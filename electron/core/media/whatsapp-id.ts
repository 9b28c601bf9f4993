import { AppError } from '@shared/errors';
import type { WhatsAppConnection } from '../connection/whatsapp-connection';
import type { CoreContext } from '../core-context';
import { MediaEntity, type MediaRow } from '../db/entities/media';
import type { MediaFiles } from './media-files';
import { isMediaGone } from './whatsapp-media-errors';

export interface EnsureOptions {
  /**
   * Ask WhatsApp whether a young id still exists before trusting it (default true): an id can be
   * deleted at Meta before its 30 days are up.
   */
  verify?: boolean;
  /** Upload again whatever the id's age, e.g. after a send failed because the media was gone. */
  force?: boolean;
}

/**
 * The media id to send a stored file with: the id of our last upload while it is younger than
 * `maxAgeMs` and WhatsApp still knows it, otherwise a new upload. Meta keeps uploaded media 30 days;
 * the margin makes sure an id does not expire between this check and the send that uses it.
 * WhatsApp errors leave as WhatsAppApiError, so senders can decide on retries by their class.
 */
export async function ensureWhatsAppId(
  ctx: CoreContext,
  files: MediaFiles,
  whatsapp: WhatsAppConnection,
  row: MediaRow,
  maxAgeMs: number,
  options: EnsureOptions = {},
): Promise<string> {
  const { verify = true, force = false } = options;
  const uploadedAt = row.waUploadedAt?.getTime();
  const young = uploadedAt !== undefined && ctx.clock.now().getTime() - uploadedAt < maxAgeMs;
  if (row.waMediaId && young && !force) {
    if (!verify) return row.waMediaId;
    try {
      await whatsapp.client.media.get(row.waMediaId, { phoneNumberId: row.phoneNumberId });
      return row.waMediaId;
    } catch (error) {
      if (!isMediaGone(error)) throw error;
      ctx.logger.info(`media ${row.id}: WhatsApp no longer has id ${row.waMediaId}; uploading again`);
    }
  }
  const data = await files.read(row.phoneNumberId, row.storageName);
  if (!data) throw new AppError('NOT_FOUND', `The file of media ${row.id} is missing from the media folder`);
  let uploaded: { id: string };
  try {
    uploaded = await whatsapp.client.media.upload(row.phoneNumberId, {
      data,
      mimeType: row.mimeType,
      filename: row.fileName,
    });
  } catch (error) {
    // Kept so the library can say why the file has no usable id; the next use tries again.
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    await ctx.tx.run((m) => m.getRepository(MediaEntity).update({ id: row.id }, { waError: reason }));
    throw error;
  }
  await ctx.tx.run((m) =>
    m
      .getRepository(MediaEntity)
      .update({ id: row.id }, { waMediaId: uploaded.id, waUploadedAt: ctx.clock.now(), waError: null }),
  );
  return uploaded.id;
}
