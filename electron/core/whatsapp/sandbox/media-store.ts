import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { SandboxContext } from './context';
import { baseMimeType } from './media-types';
import { newIds } from './random';
import type { MediaRecord } from './state';

/** Where media bytes are served from, like lookaside.fbsbx.com for Meta. */
export const MEDIA_DOWNLOAD_PATH = '/lookaside/whatsapp_business/attachments/';

export function storeMedia(
  ctx: SandboxContext,
  file: { phoneNumberId: string; mimeType: string; data: Buffer; filename: string | null },
): MediaRecord {
  const record: MediaRecord = {
    id: newIds.numeric(),
    ...file,
    sha256: createHash('sha256').update(file.data).digest('hex'),
    createdAt: ctx.clock.now(),
  };
  ctx.state.media.set(record.id, record);
  return record;
}

function urlHash(ctx: SandboxContext, mediaId: string, expires: number): string {
  return createHmac('sha256', ctx.mediaUrlKey).update(`${mediaId}:${expires}`).digest('base64url');
}

/** A download URL that stops working after `mediaUrlTtlMs`, as Meta's do after 5 minutes. */
export function mediaDownloadUrl(ctx: SandboxContext, record: MediaRecord, publicBase: string): string {
  const expires = ctx.clock.now() + ctx.config().mediaUrlTtlMs;
  const url = new URL(MEDIA_DOWNLOAD_PATH, publicBase);
  url.searchParams.set('mid', record.id);
  url.searchParams.set('ext', baseMimeType(record.mimeType).split('/')[1] ?? 'bin');
  url.searchParams.set('exp', String(expires));
  url.searchParams.set('hash', urlHash(ctx, record.id, expires));
  return url.toString();
}

/** The media a download URL names, or null when it is forged, expired or deleted (Meta answers 404). */
export function mediaForDownload(ctx: SandboxContext, query: URLSearchParams): MediaRecord | null {
  const id = query.get('mid') ?? '';
  const expires = Number(query.get('exp'));
  const given = Buffer.from(query.get('hash') ?? '');
  const expected = Buffer.from(urlHash(ctx, id, expires));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (!Number.isFinite(expires) || ctx.clock.now() > expires) return null;
  return ctx.state.media.get(id) ?? null;
}
