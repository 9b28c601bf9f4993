import type { MediaDto, WhatsAppIdState } from '@shared/types/media';
import type { MediaRow } from '../db/entities/media';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Meta keeps an uploaded media id this long (reference §4). */
export const WA_ID_LIFETIME_MS = 30 * DAY_MS;
/** From this age on an id is uploaded again before it is used, so a send never meets an expired one. */
export const WA_ID_RENEW_AFTER_MS = 29 * DAY_MS;

/** Where the public listener serves a stored file. */
export function mediaPath(storageName: string): string {
  return `/media/${storageName}`;
}

export function toMediaDto(row: MediaRow, now: Date, renewAfterMs = WA_ID_RENEW_AFTER_MS): MediaDto {
  const uploadedAt = row.waMediaId ? row.waUploadedAt : null;
  const at = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const renewsAt = uploadedAt ? uploadedAt.getTime() + renewAfterMs : null;
  const expiresAt = uploadedAt ? uploadedAt.getTime() + WA_ID_LIFETIME_MS : null;
  return {
    id: row.id,
    phoneNumberId: row.phoneNumberId,
    kind: row.kind,
    mimeType: row.mimeType,
    sizeBytes: row.sizeBytes,
    fileName: row.fileName,
    url: mediaPath(row.storageName),
    waMediaId: row.waMediaId,
    waUploadedAt: uploadedAt?.toISOString() ?? null,
    waRenewsAt: at(renewsAt),
    waExpiresAt: at(expiresAt),
    waState: stateOf(row, now.getTime(), renewsAt, expiresAt),
    waError: row.waError,
    source: row.source,
    sourceUrl: row.sourceUrl,
    createdAt: row.createdAt.toISOString(),
  };
}

function stateOf(
  row: MediaRow,
  now: number,
  renewsAt: number | null,
  expiresAt: number | null,
): WhatsAppIdState {
  if (row.waError) return 'failed';
  if (renewsAt === null || expiresAt === null) return 'none';
  if (now >= expiresAt) return 'expired';
  return now >= renewsAt ? 'renew' : 'valid';
}
