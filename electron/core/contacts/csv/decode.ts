import { isUtf8 } from 'node:buffer';
import { AppError } from '@shared/errors';

export type CsvEncoding = 'utf-8' | 'latin1';

export interface DetectedEncoding {
  encoding: CsvEncoding;
  /** Where the text starts: after a UTF-8 byte order mark, if there is one. */
  start: number;
}

/**
 * UTF-8 with or without a byte order mark when the bytes are valid UTF-8; otherwise Latin-1, the
 * other encoding spreadsheets commonly save in. UTF-16 ("Unicode text" in Excel) is refused with a
 * way out rather than imported as garbage.
 */
export function detectEncoding(bytes: Buffer): DetectedEncoding {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new AppError('VALIDATION', 'This file is UTF-16; save it as “CSV UTF-8” and try again', {
      fields: [{ field: 'contentBase64', message: 'UTF-16 files are not supported' }],
    });
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', start: 3 };
  return { encoding: isUtf8(bytes) ? 'utf-8' : 'latin1', start: 0 };
}

/**
 * The file's text, a slice at a time, so a 60 MB file never exists twice as one string. Line ends
 * become "\n" on the way: csv-parse counts a quoted "\r\n" as two lines, and the report must name
 * the right line.
 */
export function* decodeText(
  bytes: Buffer,
  detected: DetectedEncoding,
  sliceBytes = 64 * 1024,
  limitBytes = Infinity,
): Generator<string> {
  const utf8 = detected.encoding === 'utf-8' ? new TextDecoder('utf-8') : null;
  const end = Math.min(bytes.length, detected.start + limitBytes);
  let pendingCr = false;
  for (let at = detected.start; at < end; at += sliceBytes) {
    const last = at + sliceBytes >= end;
    const slice = bytes.subarray(at, Math.min(at + sliceBytes, end));
    let text = utf8 ? utf8.decode(slice, { stream: !last }) : decodeWindows1252(slice);
    if (pendingCr) text = `\r${text}`;
    pendingCr = !last && text.endsWith('\r');
    if (pendingCr) text = text.slice(0, -1);
    yield text.replace(/\r\n?/g, '\n');
  }
}

/** What windows-1252 puts at 0x80–0x9F, where ISO-8859-1 has control codes (5 bytes are unused). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * Latin-1 as Windows spreadsheets write it: windows-1252, a superset whose 0x80–0x9F are € ‚ „ …
 * and curly quotes. Node's TextDecoder leaves those as control codes, so the table does it here.
 */
function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/** Text of the first `limitBytes` bytes, cut after the last complete line. */
export function decodeHead(bytes: Buffer, detected: DetectedEncoding, limitBytes: number): string {
  const text = [...decodeText(bytes, detected, 64 * 1024, limitBytes)].join('');
  if (detected.start + limitBytes >= bytes.length) return text;
  const cut = text.lastIndexOf('\n');
  return cut >= 0 ? text.slice(0, cut + 1) : text;
}

/**
 * Records in the file after the header: non-blank lines, counting line ends outside quotes ('"',
 * CR and LF are the same bytes in UTF-8 and Latin-1). An estimate for progress and the preview: a
 * line that turns out to be bad still counts.
 */
export function estimateRows(bytes: Buffer, start: number): number {
  let lines = 0;
  let quoted = false;
  let content = false;
  for (let i = start; i < bytes.length; i++) {
    const byte = bytes[i];
    const lineEnd = byte === 0x0a || (byte === 0x0d && bytes[i + 1] !== 0x0a);
    if (byte === 0x22) {
      quoted = !quoted;
      content = true;
    } else if (lineEnd && !quoted) {
      if (content) lines++;
      content = false;
    } else if (byte !== 0x0d) {
      content = true;
    }
  }
  if (content) lines++;
  return Math.max(0, lines - 1);
}
