import { createHash } from 'node:crypto';
import { MEDIA_KINDS, type MediaKind } from '@shared/types/media';
import type { WhatsAppConnection } from '../connection/whatsapp-connection';
import type { CoreContext } from '../core-context';
import { MediaEntity } from '../db/entities/media';
import type { MessageRow } from '../db/entities/messaging';
import { messageById } from '../messaging/message-lookup';
import { WhatsAppApiError, type DownloadedMedia, type MediaInfo } from '../whatsapp';
import { PHONE_NUMBER_ID, type MediaFiles } from './media-files';
import { baseMimeType, extensionFor, formatBytes, INBOUND_MAX_BYTES } from './media-types';
import { cleanFileName } from './file-name';
import { storeMedia } from './store-media';
import { messageChanged } from '../messaging/message-event';

export interface InboundDeps {
  ctx: CoreContext;
  files: MediaFiles;
  whatsapp: WhatsAppConnection | null;
  attempts: number;
  retryDelayMs: number;
}

/**
 * Fetches a customer's media and keeps it with their message. It runs as soon as the message is
 * committed, because the media id lives 7 days and each download URL only 5 minutes. A message
 * whose media is stored already is left alone, so a redelivered webhook or a second call does nothing.
 */
export async function downloadInboundMedia(
  deps: InboundDeps,
  messageId: number,
  phoneNumberId: string,
  waMediaId: string,
): Promise<void> {
  const { ctx, whatsapp } = deps;
  if (await ctx.db.getRepository(MediaEntity).existsBy({ messageId })) return;
  if (!whatsapp) {
    ctx.logger.warn(`inbound media of message ${messageId} not fetched: WhatsApp is not connected`);
    return;
  }
  if (!PHONE_NUMBER_ID.test(phoneNumberId)) {
    ctx.logger.warn(`inbound media of message ${messageId} not fetched: odd phone number id`);
    return;
  }
  const message = await messageById(ctx.db, messageId);
  if (!message) {
    ctx.logger.warn(`inbound media of message ${messageId} not fetched: no such message`);
    return;
  }
  const fetched = await fetchWithRetries(deps, whatsapp, phoneNumberId, waMediaId);
  if (!fetched) return;
  const { info, file } = fetched;
  checkDigest(ctx, messageId, info.sha256, file.data);

  const mimeType = baseMimeType(info.mimeType || file.contentType) || 'application/octet-stream';
  const kind: MediaKind = (MEDIA_KINDS as readonly string[]).includes(message.type)
    ? (message.type as MediaKind)
    : 'document';
  try {
    await storeMedia(ctx, deps.files, {
      phoneNumberId,
      kind,
      mimeType,
      fileName: fileNameOf(message, kind, mimeType),
      source: 'inbound',
      sourceUrl: null,
      // A webhook's media id cannot be sent again as ours; sending this file uploads it first.
      waMediaId: null,
      waUploadedAt: null,
      messageId,
      data: file.data,
    });
  } catch (error) {
    // Two calls raced: the other one stored it (the unique message_id refused this row).
    if (await ctx.db.getRepository(MediaEntity).existsBy({ messageId })) return;
    throw error;
  }
  ctx.events.publish('messages.changed', await messageChanged(ctx.db, message));
}

/** Looks the id up and downloads it; a fresh URL on each attempt, as URLs expire in minutes. */
async function fetchWithRetries(
  deps: InboundDeps,
  whatsapp: WhatsAppConnection,
  phoneNumberId: string,
  waMediaId: string,
): Promise<{ info: MediaInfo; file: DownloadedMedia } | null> {
  for (let attempt = 1; ; attempt++) {
    let step: 'look up' | 'download' = 'look up';
    try {
      const info = await whatsapp.client.media.get(waMediaId, { phoneNumberId });
      if (info.fileSize !== null && info.fileSize > INBOUND_MAX_BYTES) {
        deps.ctx.logger.warn(
          `inbound media ${waMediaId} not fetched: ${formatBytes(info.fileSize)} is too large`,
        );
        return null;
      }
      step = 'download';
      const file = await whatsapp.client.media.download(info.url);
      if (file.data.length > INBOUND_MAX_BYTES) {
        deps.ctx.logger.warn(
          `inbound media ${waMediaId} not kept: ${formatBytes(file.data.length)} is too large`,
        );
        return null;
      }
      return { info, file };
    } catch (error) {
      // A lapsed download URL (404) is cured by looking the id up again.
      const again =
        error instanceof WhatsAppApiError &&
        (error.retryable || error.failure !== 'api' || step === 'download');
      if (!again || attempt >= deps.attempts) throw error;
      await new Promise((done) => setTimeout(done, deps.retryDelayMs * 2 ** (attempt - 1)));
    }
  }
}

/** Meta's sha256 is hex in some answers and base64 in others; a mismatch is logged, the file kept. */
function checkDigest(ctx: CoreContext, messageId: number, expected: string | null, data: Buffer): void {
  if (!expected) return;
  const digest = createHash('sha256').update(data).digest();
  const forms = [digest.toString('hex'), digest.toString('base64'), digest.toString('base64url')];
  if (!forms.includes(expected)) {
    ctx.logger.warn(`inbound media of message ${messageId}: its SHA-256 differs from WhatsApp's`);
  }
}

/** The customer's file name for documents; otherwise a name made from the kind and message. */
function fileNameOf(message: MessageRow, kind: MediaKind, mimeType: string): string {
  try {
    const payload = JSON.parse(message.payload) as { media?: { filename?: unknown } };
    const given = payload.media?.filename;
    if (typeof given === 'string' && given.trim()) return cleanFileName(given);
  } catch {
    // An unreadable payload just means no given name.
  }
  return `${kind}-${message.id}.${extensionFor(mimeType)}`;
}
