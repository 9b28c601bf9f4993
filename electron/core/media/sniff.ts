/**
 * What a file really is, from its first bytes. A name or a declared MIME type is only a claim: a
 * program renamed to photo.jpg must be caught here, before it is stored or sent to WhatsApp.
 */

export type ContentFamily =
  | 'jpeg'
  | 'png'
  | 'gif'
  | 'webp'
  | 'pdf'
  /** ISO base media (mp4, 3gp, m4a): `ftyp` at offset 4. */
  | 'isobmff'
  | 'ogg'
  | 'amr'
  | 'mp3'
  | 'aac'
  /** docx, xlsx, pptx (and any zip). */
  | 'zip'
  /** doc, xls, ppt: the OLE compound file. */
  | 'cfb'
  /** Windows, Linux or macOS programs, and scripts with a `#!` line. */
  | 'executable'
  | 'html'
  | 'text'
  | 'unknown';

const startsWith = (data: Buffer, bytes: number[], offset = 0) =>
  data.length >= offset + bytes.length && bytes.every((byte, i) => data[offset + i] === byte);
const ascii = (data: Buffer, text: string, offset = 0) =>
  data.subarray(offset, offset + text.length).toString('latin1') === text;

const EXECUTABLE_SIGNATURES: number[][] = [
  [0x4d, 0x5a], // MZ: Windows .exe / .dll
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0xfe, 0xed, 0xfa, 0xce], // Mach-O 32
  [0xfe, 0xed, 0xfa, 0xcf], // Mach-O 64
  [0xce, 0xfa, 0xed, 0xfe],
  [0xcf, 0xfa, 0xed, 0xfe],
  [0xca, 0xfe, 0xba, 0xbe], // Mach-O universal (also Java class files: refused either way)
  [0x23, 0x21], // #! script
];

export function sniff(data: Buffer): ContentFamily {
  if (EXECUTABLE_SIGNATURES.some((signature) => startsWith(data, signature))) return 'executable';
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(data, 'GIF87a') || ascii(data, 'GIF89a')) return 'gif';
  if (ascii(data, 'RIFF') && ascii(data, 'WEBP', 8)) return 'webp';
  if (ascii(data, '%PDF-')) return 'pdf';
  if (ascii(data, 'ftyp', 4)) return 'isobmff';
  if (ascii(data, 'OggS')) return 'ogg';
  if (ascii(data, '#!AMR')) return 'amr';
  if (ascii(data, 'ID3')) return 'mp3';
  if (ascii(data, 'ADIF')) return 'aac';
  if (data.length >= 2 && data[0] === 0xff && (data[1]! & 0xf6) === 0xf0) return 'aac'; // ADTS frame
  if (data.length >= 2 && data[0] === 0xff && (data[1]! & 0xe0) === 0xe0) return 'mp3'; // MPEG frame
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(data, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'cfb';
  if (looksLikeHtml(data)) return 'html';
  if (looksLikeText(data)) return 'text';
  return 'unknown';
}

/** The content's MIME type when its signature names exactly one sendable type; null when ambiguous. */
export function sniffedMimeType(family: ContentFamily, data: Buffer): string | null {
  switch (family) {
    case 'jpeg':
      return 'image/jpeg';
    case 'png':
      return 'image/png';
    case 'webp':
      return 'image/webp';
    case 'pdf':
      return 'application/pdf';
    case 'ogg':
      return 'audio/ogg';
    case 'amr':
      return 'audio/amr';
    case 'mp3':
      return 'audio/mpeg';
    case 'aac':
      return 'audio/aac';
    case 'isobmff': {
      const brand = data.subarray(8, 12).toString('latin1');
      if (brand.startsWith('3gp')) return 'video/3gpp';
      if (brand === 'M4A ') return 'audio/mp4';
      return 'video/mp4';
    }
    default:
      return null;
  }
}

/** The families each sendable type's content may be. */
const EXPECTED: Record<string, ContentFamily[]> = {
  'image/jpeg': ['jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'video/mp4': ['isobmff'],
  'video/3gpp': ['isobmff'],
  'audio/mp4': ['isobmff'],
  'audio/ogg': ['ogg'],
  'audio/amr': ['amr'],
  'audio/mpeg': ['mp3'],
  'audio/aac': ['aac'],
  'application/pdf': ['pdf'],
  // Served as an attachment with nosniff, so HTML saved as .txt is harmless text.
  'text/plain': ['text', 'html'],
  'application/msword': ['cfb'],
  'application/vnd.ms-excel': ['cfb'],
  'application/vnd.ms-powerpoint': ['cfb'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['zip'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['zip'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['zip'],
};

export function contentMatches(mimeType: string, family: ContentFamily): boolean {
  return EXPECTED[mimeType]?.includes(family) ?? false;
}

/** WebP with the VP8X animation flag: the 500 KB sticker limit applies instead of 100 KB. */
export function isAnimatedWebp(data: Buffer): boolean {
  return ascii(data, 'VP8X', 12) && data.length > 20 && (data[20]! & 0x02) !== 0;
}

/** WhatsApp takes OGG audio only with the Opus codec; its first page names the codec. */
export function isOpusOgg(data: Buffer): boolean {
  return data.subarray(0, 128).includes('OpusHead', 0, 'latin1');
}

function looksLikeHtml(data: Buffer): boolean {
  const head = data
    .subarray(0, 256)
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  return /^\s*<(!doctype html|html|head|body|script|svg|\?xml)/i.test(head);
}

/** No NUL bytes in the first 8 KB (UTF-16 text with its byte-order mark aside). */
function looksLikeText(data: Buffer): boolean {
  if (startsWith(data, [0xff, 0xfe]) || startsWith(data, [0xfe, 0xff])) return true;
  return !data.subarray(0, 8 * 1024).includes(0);
}
