export const MEDIA_KINDS = ['image', 'video', 'audio', 'document', 'sticker'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];
export type MediaSource = 'upload' | 'link' | 'inbound';

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
  source: MediaSource;
  createdAt: string;
}

/** A stored file's bytes, for showing it in the app (a blob: URL in the renderer). */
export interface MediaContentDto {
  mimeType: string;
  fileName: string;
  sizeBytes: number;
  contentBase64: string;
}
