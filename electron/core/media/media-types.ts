/**
 * What WhatsApp accepts for sending (reference §4): each MIME type's kind, size limit and the
 * extension its stored file gets. Inbound media may be of other types; they are kept as documents.
 */
export {
  KB,
  MB,
  STICKER_STATIC_MAX,
  STICKER_ANIMATED_MAX,
  SENDABLE_TYPES,
  LARGEST_SENDABLE,
  baseMimeType,
  ruleFor,
  mimeTypeFromName,
  formatBytes,
  type MediaTypeRule,
} from '@shared/media-limits';
import { MB, SENDABLE_TYPES, baseMimeType } from '@shared/media-limits';

/** Meta does not deliver inbound files over 100 MB (webhook error 131052); nothing bigger is fetched. */
export const INBOUND_MAX_BYTES = 100 * MB;

/** Extensions of stored files for inbound types outside the sendable list; anything else is `.bin`. */
const OTHER_EXTENSIONS: Record<string, string> = {
  'image/gif': 'gif',
  'image/heic': 'heic',
  'application/zip': 'zip',
  'text/csv': 'csv',
  'application/vnd.oasis.opendocument.text': 'odt',
};

export function extensionFor(mimeType: string): string {
  const base = baseMimeType(mimeType);
  return SENDABLE_TYPES[base]?.extension ?? OTHER_EXTENSIONS[base] ?? 'bin';
}
