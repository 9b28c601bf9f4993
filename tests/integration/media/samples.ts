/** Small files whose first bytes are what each format really starts with, and ways to make big ones. */

const MB = 1024 * 1024;

export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
export const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]),
  Buffer.from('JFIF\0 photo'),
]);
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n', 'latin1');
export const MP4 = Buffer.from([
  0,
  0,
  0,
  0x18,
  ...Buffer.from('ftypmp42'),
  0,
  0,
  0,
  0,
  ...Buffer.from('mp42isom'),
]);
export const OPUS = Buffer.from(
  'OggS\0\x02\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x13OpusHead\x01\x01',
  'latin1',
);
export const VORBIS = Buffer.from(
  'OggS\0\x02\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x1e\x01vorbis',
  'latin1',
);
export const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('word/document.xml')]);
export const TEXT = Buffer.from('Opening hours: 9 to 6\n', 'utf8');
/** A Windows program: what a renamed photo.jpg must not be. */
export const EXE = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(62),
  Buffer.from('This program cannot be run in DOS mode'),
]);
export const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(57)]);

/** `head` followed by zero bytes up to `size`. */
export function padded(head: Buffer, size: number): Buffer {
  const data = Buffer.alloc(size);
  head.copy(data);
  return data;
}

export function bigJpeg(megabytes: number): Buffer {
  return padded(JPEG, Math.round(megabytes * MB));
}

/** A static WebP (simple `VP8 ` chunk) of `size` bytes. */
export function webp(size: number, animated = false): Buffer {
  const head = Buffer.concat([
    Buffer.from('RIFF'),
    Buffer.from([0, 0, 0, 0]),
    Buffer.from('WEBP'),
    Buffer.from(animated ? 'VP8X' : 'VP8 '),
    Buffer.from([10, 0, 0, 0]),
    Buffer.from([animated ? 0x02 : 0, 0, 0, 0]),
  ]);
  const data = padded(head, size);
  data.writeUInt32LE(size - 8, 4);
  return data;
}
