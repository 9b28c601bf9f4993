/**
 * The core's side of the media type table: the table itself lives in shared/media-limits.ts so the
 * renderer pre-checks files with the same rules. Inbound media may be of other types; they are kept
 * as documents.
 */
import { baseMimeType, MB, SENDABLE_TYPES } from '@shared/media-limits';

export {
  baseMimeType,
  formatBytes,
  KB,
  LARGEST_SENDABLE,
  MB,
  mimeTypeFromName,
  ruleFor,
  SENDABLE_TYPES,
  STICKER_ANIMATED_MAX,
  STICKER_STATIC_MAX,
  type MediaTypeRule,
} from '@shared/media-limits';

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
