import { AppError } from '@shared/errors';
import type { MediaKind } from '@shared/types/media';
import {
  baseMimeType,
  formatBytes,
  mimeTypeFromName,
  ruleFor,
  STICKER_ANIMATED_MAX,
  STICKER_STATIC_MAX,
} from './media-types';
import { contentMatches, isAnimatedWebp, isOpusOgg, sniff, sniffedMimeType } from './sniff';

export interface CheckedMedia {
  kind: MediaKind;
  /** The base MIME type, corrected when the content is another type of the same kind. */
  mimeType: string;
}

/** Which input field an error names: the type and the content may come from different fields. */
export interface CheckFields {
  type: string;
  content: string;
}

const GENERIC_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/**
 * Whether WhatsApp would take this file (reference §4), decided before anything is written: a
 * supported type, within its kind's size limit, and content that really is that type. A photo
 * saved as .png that is really a JPEG gets its true type; a program named photo.jpg is refused.
 */
export function checkMedia(
  file: { data: Buffer; mimeType: string; fileName: string },
  fields: CheckFields,
): CheckedMedia {
  const refuse = (field: string, message: string): never => {
    throw new AppError('VALIDATION', message, { fields: [{ field, message }] });
  };
  const family = sniff(file.data);
  if (file.data.length === 0) refuse(fields.content, 'The file is empty');
  if (family === 'executable')
    refuse(fields.content, 'The file is a program; WhatsApp does not take programs');

  const declared = baseMimeType(file.mimeType);
  const claimed = GENERIC_TYPES.has(declared)
    ? (mimeTypeFromName(file.fileName) ?? sniffedMimeType(family, file.data) ?? declared)
    : declared;
  const rule = ruleFor(claimed);
  if (!rule) {
    refuse(fields.type, `WhatsApp does not take ${claimed || 'files of unknown type'}: ${SUPPORTED_HINT}`);
  }
  const kind = rule!.kind;

  let mimeType = claimed;
  if (!contentMatches(mimeType, family)) {
    const actual = sniffedMimeType(family, file.data);
    // A file of the same kind with the wrong label (an image saved with the other extension) is
    // simply relabelled: its bytes have been checked to be the type it now carries.
    if (actual && ruleFor(actual)?.kind === kind && contentMatches(actual, family)) mimeType = actual;
    else refuse(fields.content, `The file's content is not ${claimed}${describeFamily(family)}`);
  }

  const maxBytes =
    kind === 'sticker'
      ? isAnimatedWebp(file.data)
        ? STICKER_ANIMATED_MAX
        : STICKER_STATIC_MAX
      : ruleFor(mimeType)!.maxBytes;
  if (file.data.length > maxBytes) {
    const what =
      kind === 'sticker'
        ? maxBytes === STICKER_STATIC_MAX
          ? 'a static sticker'
          : 'an animated sticker'
        : KIND_NAMES[kind];
    refuse(
      fields.content,
      `Too large: ${what} may be at most ${formatBytes(maxBytes)}; this file is ${formatBytes(file.data.length)}`,
    );
  }
  if (mimeType === 'audio/ogg' && !isOpusOgg(file.data)) {
    refuse(fields.content, 'WhatsApp takes OGG audio only in the Opus codec');
  }
  return { kind, mimeType };
}

const KIND_NAMES: Record<MediaKind, string> = {
  image: 'an image',
  video: 'a video',
  audio: 'an audio file',
  document: 'a document',
  sticker: 'a sticker',
};

const SUPPORTED_HINT =
  'images JPEG or PNG, stickers WebP, video MP4 or 3GPP, audio AAC, AMR, MP3, M4A or OGG (Opus), ' +
  'documents PDF, TXT, Word, Excel or PowerPoint';

function describeFamily(family: ReturnType<typeof sniff>): string {
  const names: Partial<Record<ReturnType<typeof sniff>, string>> = {
    jpeg: 'a JPEG image',
    png: 'a PNG image',
    gif: 'a GIF image',
    webp: 'a WebP image',
    pdf: 'a PDF',
    html: 'HTML',
    zip: 'a zip archive',
  };
  const name = names[family];
  return name ? ` (it is ${name})` : '';
}
