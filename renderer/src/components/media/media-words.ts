import type { MediaDto, MediaKind, WhatsAppIdState } from '@shared/types/media';

export const KIND_LABELS: Record<MediaKind, string> = {
  image: 'Image',
  video: 'Video',
  audio: 'Audio',
  document: 'Document',
  sticker: 'Sticker',
};

/** The filter chips, in the order a shop uses them most. */
export const KIND_FILTERS: { value: MediaKind; label: string }[] = [
  { value: 'image', label: 'Images' },
  { value: 'video', label: 'Videos' },
  { value: 'audio', label: 'Audio' },
  { value: 'document', label: 'Documents' },
  { value: 'sticker', label: 'Stickers' },
];

/** An icon for a file that is not shown as a picture. */
export function fileIcon(media: Pick<MediaDto, 'kind' | 'mimeType'>): string {
  if (media.kind === 'audio') return 'mdi-music-note';
  if (media.kind === 'video') return 'mdi-movie-open';
  if (media.kind === 'image' || media.kind === 'sticker') return 'mdi-image';
  if (media.mimeType === 'application/pdf') return 'mdi-file-pdf-box';
  if (media.mimeType.includes('word')) return 'mdi-file-word-box';
  if (media.mimeType.includes('excel') || media.mimeType.includes('spreadsheet')) return 'mdi-file-excel-box';
  if (media.mimeType.includes('powerpoint') || media.mimeType.includes('presentation'))
    return 'mdi-file-powerpoint-box';
  return 'mdi-file-document-outline';
}

/** `report.final.PDF` → `PDF`. */
export function extensionOf(fileName: string): string {
  return /\.([a-z0-9]{1,5})$/i.exec(fileName)?.[1]?.toUpperCase() ?? '';
}

export const STATE_CHIP: Record<WhatsAppIdState, { text: string; color: string; icon: string }> = {
  none: { text: 'Not on WhatsApp yet', color: 'neutral', icon: 'mdi-cloud-outline' },
  valid: { text: 'On WhatsApp', color: 'success', icon: 'mdi-cloud-check' },
  renew: { text: 'Renewed at next use', color: 'info', icon: 'mdi-cloud-refresh' },
  expired: { text: 'Expired, renewed at next use', color: 'warning', icon: 'mdi-cloud-alert' },
  failed: { text: 'Upload failed', color: 'error', icon: 'mdi-cloud-off-outline' },
};

/** The limits line under the upload area (reference §4). */
export const LIMITS_LINE =
  'Images (JPEG, PNG) up to 5 MB · video (MP4, 3GPP) and audio (AAC, AMR, MP3, M4A, OGG Opus) up to 16 MB · ' +
  'documents (PDF, TXT, Word, Excel, PowerPoint) up to 100 MB · stickers (WebP) up to 500 KB';

export const ACCEPT =
  'image/jpeg,image/png,image/webp,video/mp4,video/3gpp,audio/aac,audio/amr,audio/mpeg,audio/mp4,audio/ogg,' +
  'text/plain,application/pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx';
