import type { MediaDto } from '@shared/types/media';
import type { MediaRow } from '../db/entities/media';

/** Where the public listener serves a stored file. */
export function mediaPath(storageName: string): string {
  return `/media/${storageName}`;
}

export function toMediaDto(row: MediaRow): MediaDto {
  return {
    id: row.id,
    phoneNumberId: row.phoneNumberId,
    kind: row.kind,
    mimeType: row.mimeType,
    sizeBytes: row.sizeBytes,
    fileName: row.fileName,
    url: mediaPath(row.storageName),
    waMediaId: row.waMediaId,
    source: row.source,
    createdAt: row.createdAt.toISOString(),
  };
}
