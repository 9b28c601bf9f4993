import { deflateSync } from 'node:zlib';

/**
 * A small real PNG for the sandbox's customers to send (a blue T-shirt on a soft background), so a
 * demo inbox shows a picture rather than a single pixel. Drawn pixel by pixel; no image library.
 */
export function samplePhoto(width = 240, height = 180): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const [r, g, b] = shirt(x / width, y / height) ?? [236 - y / 6, 232 - y / 10, 224 - x / 12];
      row.writeUInt8(Math.round(r), 1 + x * 3);
      row.writeUInt8(Math.round(g), 2 + x * 3);
      row.writeUInt8(Math.round(b), 3 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The shirt's colour at (u, v) in 0..1, or null outside it. */
function shirt(u: number, v: number): [number, number, number] | null {
  const body = u > 0.36 && u < 0.64 && v > 0.28 && v < 0.86;
  const sleeves = v > 0.28 && v < 0.46 && u > 0.22 && u < 0.78 && Math.abs(u - 0.5) - (v - 0.28) * 0.6 < 0.24;
  const collar = (u - 0.5) ** 2 + (v - 0.26) ** 2 < 0.0045;
  if (collar) return null;
  if (!body && !sleeves) return null;
  const shade = 1 - v * 0.35;
  return [40 * shade, 110 * shade, 200 * shade];
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A valid 1×1 lossless WebP: stickers must be WebP, and a browser shows this one. */
export const SAMPLE_STICKER = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
