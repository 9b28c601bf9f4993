/**
 * The media WhatsApp accepts (reference §4) with their size limits, and the first bytes each format
 * starts with, so an upload whose content does not match its MIME type fails with 131053 as on Meta.
 */
import type { MediaKind } from '../client/types/media';
import { SAMPLE_STICKER, samplePhoto } from './sample-picture';

interface MediaTypeRule {
  kind: MediaKind;
  maxBytes: number;
  /** Checks the leading bytes; absent when the format has no simple signature. */
  looksRight?: (data: Buffer) => boolean;
}

const MB = 1024 * 1024;
const startsWith = (bytes: number[]) => (data: Buffer) => bytes.every((byte, i) => data[i] === byte);
const ascii =
  (text: string, offset = 0) =>
  (data: Buffer) =>
    data.subarray(offset, offset + text.length).toString('latin1') === text;

const document = (maxBytes = 100 * MB): MediaTypeRule => ({ kind: 'document', maxBytes });

export const MEDIA_TYPES: Record<string, MediaTypeRule> = {
  'image/jpeg': { kind: 'image', maxBytes: 5 * MB, looksRight: startsWith([0xff, 0xd8, 0xff]) },
  'image/png': { kind: 'image', maxBytes: 5 * MB, looksRight: startsWith([0x89, 0x50, 0x4e, 0x47]) },
  'image/webp': {
    kind: 'sticker',
    maxBytes: 500 * 1024,
    looksRight: (data) => ascii('RIFF')(data) && ascii('WEBP', 8)(data),
  },
  'video/mp4': { kind: 'video', maxBytes: 16 * MB, looksRight: ascii('ftyp', 4) },
  'video/3gpp': { kind: 'video', maxBytes: 16 * MB, looksRight: ascii('ftyp', 4) },
  'audio/aac': { kind: 'audio', maxBytes: 16 * MB },
  'audio/amr': { kind: 'audio', maxBytes: 16 * MB, looksRight: ascii('#!AMR') },
  'audio/mpeg': { kind: 'audio', maxBytes: 16 * MB },
  'audio/mp4': { kind: 'audio', maxBytes: 16 * MB, looksRight: ascii('ftyp', 4) },
  'audio/ogg': { kind: 'audio', maxBytes: 16 * MB, looksRight: ascii('OggS') },
  'text/plain': document(),
  'application/pdf': { ...document(), looksRight: ascii('%PDF') },
  'application/msword': document(),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': document(),
  'application/vnd.ms-excel': document(),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': document(),
  'application/vnd.ms-powerpoint': document(),
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': document(),
};

/** `audio/ogg; codecs=opus` → `audio/ogg`. */
export function baseMimeType(mimeType: string): string {
  return mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Why an upload is refused, or null when WhatsApp would take it. */
export function mediaProblem(mimeType: string, data: Buffer): string | null {
  const rule = MEDIA_TYPES[baseMimeType(mimeType)];
  if (!rule) return `Param file must be a file with one of the supported types, not ${mimeType}`;
  if (data.length === 0) return 'The file is empty';
  if (data.length > rule.maxBytes) return `A ${rule.kind} may be at most ${rule.maxBytes} bytes`;
  if (rule.looksRight && !rule.looksRight(data)) return `The file content is not ${mimeType}`;
  return null;
}

/** Small files of each kind that pass the checks above, for media sent by simulated customers. */
export const SAMPLE_MEDIA: Record<MediaKind, { mimeType: string; data: Buffer; filename: string }> = {
  image: { mimeType: 'image/png', filename: 'photo.png', data: samplePhoto() },
  video: {
    mimeType: 'video/mp4',
    filename: 'clip.mp4',
    data: Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypmp42'), 0, 0, 0, 0, ...Buffer.from('mp42isom')]),
  },
  audio: {
    mimeType: 'audio/ogg',
    filename: 'voice.ogg',
    data: Buffer.from('OggS\0\x02sandbox-voice-note', 'latin1'),
  },
  document: {
    mimeType: 'application/pdf',
    filename: 'order.pdf',
    data: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n', 'latin1'),
  },
  sticker: { mimeType: 'image/webp', filename: 'sticker.webp', data: SAMPLE_STICKER },
};
