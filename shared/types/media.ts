export const MEDIA_KINDS = ['image', 'video', 'audio', 'document', 'sticker'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];
export type MediaSource = 'upload' | 'link' | 'inbound';

/**
 * Where a file's WhatsApp media id stands. Meta keeps an uploaded id 30 days; the app renews it
 * (uploads again) before a use once it is 29 days old, so a send never meets an expired id.
 * - `none`: not uploaded yet (it is uploaded before its first use).
 * - `valid`: usable as it is until `waRenewsAt`.
 * - `renew`: near its end; uploaded again before its next use.
 * - `expired`: WhatsApp no longer keeps it; uploaded again before its next use.
 * - `failed`: the last upload failed (`waError` says why); tried again before the next use.
 */
export type WhatsAppIdState = 'none' | 'valid' | 'renew' | 'expired' | 'failed';

/** A file of a phone number's media library. */
export interface MediaDto {
  id: number;
  phoneNumberId: string;
  kind: MediaKind;
  mimeType: string;
  sizeBytes: number;
  fileName: string;
  /** Path on the public listener, `/media/<storage name>`: what Meta fetches for `link` media. */
  url: string;
  /** WhatsApp's id of our last upload; null until uploaded. Uploaded ids last 30 days. */
  waMediaId: string | null;
  /** When that id was given (ISO 8601). */
  waUploadedAt: string | null;
  /** From then on it is uploaded again before use (29 days after the upload). */
  waRenewsAt: string | null;
  /** When WhatsApp forgets it (30 days after the upload). */
  waExpiresAt: string | null;
  waState: WhatsAppIdState;
  /** Why the last upload to WhatsApp failed, in words; null after a success. */
  waError: string | null;
  source: MediaSource;
  /** The public link it was fetched from (source `link`). */
  sourceUrl: string | null;
  createdAt: string;
}

/** A campaign that uses a library file as its media header. */
export interface MediaUseDto {
  campaignId: number;
  name: string;
  status: string;
}

/** What a file is used for; deleting it affects these. */
export interface MediaUsageDto {
  mediaId: number;
  /** Draft and scheduled campaigns: deleting the file takes it out of their header (after a confirmation). */
  waiting: MediaUseDto[];
  /** Running and paused campaigns: the file cannot be deleted while they may still send it. */
  sending: MediaUseDto[];
}

/** The numbers that have a library, and where the public listener can be reached from. */
export interface MediaLibrariesDto {
  numbers: {
    id: string;
    displayPhoneNumber: string;
    verifiedName: string | null;
    files: number;
  }[];
  /** The tunnel's public URL when it is up: `/media/*` addresses under it reach Meta. */
  publicBaseUrl: string | null;
  /** The public listener on this computer (not reachable by Meta without the tunnel). */
  localBaseUrl: string | null;
}

/**
 * A stored file's bytes, for showing it in the window as a blob: URL (Electron IPC cannot stream; in a
 * browser the bridge serves library files directly).
 */
export interface MediaContentDto {
  mimeType: string;
  fileName: string;
  sizeBytes: number;
  contentBase64: string;
}
