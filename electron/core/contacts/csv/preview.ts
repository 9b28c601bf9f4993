import { AppError } from '@shared/errors';
import type { ImportPreview } from '@shared/types/contacts';
import { decodeHead, detectEncoding, estimateRows, type DetectedEncoding } from './decode';
import { detectDelimiter, type Delimiter } from './detect-delimiter';
import { guessMapping } from './guess-mapping';
import { readHead } from './read-records';

/** Enough of the file to find the delimiter, the header and the rows the wizard shows. */
const HEAD_BYTES = 256 * 1024;
const PREVIEW_ROWS = 10;

export interface CsvLayout {
  detected: DetectedEncoding;
  delimiter: Delimiter;
  headers: string[];
  head: string[][];
}

/** Encoding, delimiter and header of a file: what both the preview and the import start from. */
export function readLayout(bytes: Buffer): CsvLayout {
  const detected = detectEncoding(bytes);
  if (bytes.length <= detected.start) {
    throw new AppError('VALIDATION', 'The file is empty', {
      fields: [{ field: 'contentBase64', message: 'The file is empty' }],
    });
  }
  const text = decodeHead(bytes, detected, HEAD_BYTES);
  const delimiter = detectDelimiter(text);
  const [headers, ...head] = readHead(text, delimiter, PREVIEW_ROWS + 1);
  if (!headers) {
    throw new AppError('VALIDATION', 'The file has no header row', {
      fields: [{ field: 'contentBase64', message: 'No header row' }],
    });
  }
  return { detected, delimiter, headers: headers.map((h) => h.trim()), head };
}

/** `knownKeys`: attribute keys in use, so a matching header keeps using its key. */
export function previewImport(bytes: Buffer, knownKeys: readonly string[] = []): ImportPreview {
  const layout = readLayout(bytes);
  return {
    delimiter: layout.delimiter,
    encoding: layout.detected.encoding,
    headers: layout.headers,
    rows: layout.head,
    rowCount: estimateRows(bytes, layout.detected.start),
    suggestedMapping: guessMapping(layout.headers, knownKeys),
  };
}
