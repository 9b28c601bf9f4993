/**
 * What WhatsApp accepts for sending (reference §4): each MIME type's kind, size limit and the
 * extension its stored file gets. One table for both ends: the core checks every file against it
 * before anything is stored, and the renderer pre-checks a dropped file with it so a person learns
 * at once that a 20 MB video is too large, before the upload starts.
 */
import type { MediaKind } from './types/media';

export const KB = 1024;
export const MB = 1024 * 1024;

export interface MediaTypeRule {
  kind: MediaKind;
  maxBytes: number;
  extension: string;
}

/** Stickers: 100 KB when static, 500 KB when animated. */
export const STICKER_STATIC_MAX = 100 * KB;
export const STICKER_ANIMATED_MAX = 500 * KB;

const image = (extension: string): MediaTypeRule => ({ kind: 'image', maxBytes: 5 * MB, extension });
const video = (extension: string): MediaTypeRule => ({ kind: 'video', maxBytes: 16 * MB, extension });
const audio = (extension: string): MediaTypeRule => ({ kind: 'audio', maxBytes: 16 * MB, extension });
const document = (extension: string): MediaTypeRule => ({ kind: 'document', maxBytes: 100 * MB, extension });

export const SENDABLE_TYPES: Readonly<Record<string, MediaTypeRule>> = {
  'image/jpeg': image('jpg'),
  'image/png': image('png'),
  'image/webp': { kind: 'sticker', maxBytes: STICKER_ANIMATED_MAX, extension: 'webp' },
  'video/mp4': video('mp4'),
  'video/3gpp': video('3gp'),
  'audio/aac': audio('aac'),
  'audio/amr': audio('amr'),
  'audio/mpeg': audio('mp3'),
  'audio/mp4': audio('m4a'),
  'audio/ogg': audio('ogg'),
  'text/plain': document('txt'),
  'application/pdf': document('pdf'),
  'application/msword': document('doc'),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': document('docx'),
  'application/vnd.ms-excel': document('xls'),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': document('xlsx'),
  'application/vnd.ms-powerpoint': document('ppt'),
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': document('pptx'),
};

/** The largest file any kind may be: the most a link download ever reads. */
export const LARGEST_SENDABLE = Math.max(...Object.values(SENDABLE_TYPES).map((r) => r.maxBytes));

/** The most each kind may weigh, for the screen's "what may I upload" line. */
export const KIND_MAX_BYTES: Readonly<Record<MediaKind, number>> = {
  image: 5 * MB,
  video: 16 * MB,
  audio: 16 * MB,
  document: 100 * MB,
  sticker: STICKER_ANIMATED_MAX,
};

/** `audio/ogg; codecs=opus` → `audio/ogg`; `IMAGE/JPEG` → `image/jpeg`. */
export function baseMimeType(mimeType: string): string {
  return (mimeType.split(';')[0] ?? '').trim().toLowerCase();
}

export function ruleFor(mimeType: string): MediaTypeRule | null {
  return SENDABLE_TYPES[baseMimeType(mimeType)] ?? null;
}

/** Guesses a type from a file name's extension, for files given without one (or as octet-stream). */
export function mimeTypeFromName(fileName: string): string | null {
  const extension = /\.([a-z0-9]{1,5})$/i.exec(fileName)?.[1]?.toLowerCase();
  if (!extension) return null;
  const aliases: Record<string, string> = { jpeg: 'jpg', jpe: 'jpg', '3gpp': '3gp', opus: 'ogg', oga: 'ogg' };
  const wanted = aliases[extension] ?? extension;
  const found = Object.entries(SENDABLE_TYPES).find(([, rule]) => rule.extension === wanted);
  return found ? found[0] : null;
}

/** Sizes as people read them: 5 MB, 100 KB, 312 bytes. */
export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))} MB`;
  if (bytes >= KB) return `${Number((bytes / KB).toFixed(1))} KB`;
  return `${bytes} bytes`;
}

const GENERIC_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/**
 * A first look at a file a person chose, from its name, declared type and size only: the reason
 * WhatsApp would refuse it, or null when it may go on to the core (which also checks the content).
 * Stickers are held to the animated limit here; only the bytes say whether one is static.
 */
export function precheckFile(file: { name: string; type: string; size: number }): string | null {
  const declared = baseMimeType(file.type);
  const type = GENERIC_TYPES.has(declared) ? (mimeTypeFromName(file.name) ?? declared) : declared;
  const rule = ruleFor(type) ?? ruleFor(mimeTypeFromName(file.name) ?? '');
  if (file.size === 0) return 'The file is empty';
  if (!rule) return `WhatsApp does not take ${type || 'files of this type'}`;
  if (file.size > rule.maxBytes) {
    return `Too large: ${KIND_LABELS[rule.kind]} may be at most ${formatBytes(rule.maxBytes)}; this file is ${formatBytes(file.size)}`;
  }
  return null;
}

const KIND_LABELS: Record<MediaKind, string> = {
  image: 'an image',
  video: 'a video',
  audio: 'an audio file',
  document: 'a document',
  sticker: 'a sticker',
};
