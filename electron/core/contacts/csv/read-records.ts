import { parse, type Options } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { Readable } from 'node:stream';
import { decodeText, type DetectedEncoding } from './decode';
import type { Delimiter } from './detect-delimiter';

/** One record of the file and the line it starts on (1-based; the header is line 1). */
export interface CsvRecord {
  kind: 'record';
  line: number;
  values: string[];
}

/** Text csv-parse could not read as a record (in practice: a quote that is never closed). */
export interface CsvUnreadable {
  kind: 'unreadable';
  line: number;
  reason: string;
}

/**
 * Lenient on purpose: a stray quote inside a field is kept as text, rows may have more or fewer
 * fields than the header (the importer decides what that means), blank lines and lines of empty
 * fields (",,,," that spreadsheets leave behind) are skipped.
 */
function parserOptions(delimiter: Delimiter): Options {
  return {
    delimiter,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    info: true,
  };
}

/** What csv-parse emits with `info: true`; its typings do not narrow on that option. */
interface RecordWithInfo {
  record: string[];
  info: { lines: number };
}

function startLine(item: RecordWithInfo): number {
  // info.lines is the line a record ends on; quoted line breaks inside it move its start back.
  const breaks = item.record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
  return item.info.lines - breaks;
}

/**
 * Streams the records of a file: bytes are decoded a slice at a time and csv-parse pulls them as
 * the consumer asks for more, so the importer's pauses (a batch being written) hold the parse too.
 */
export async function* readRecords(
  bytes: Buffer,
  detected: DetectedEncoding,
  delimiter: Delimiter,
): AsyncGenerator<CsvRecord | CsvUnreadable> {
  const skipped: CsvUnreadable[] = [];
  // The parser runs ahead of the consumer, so the line it has reached is tracked as it parses.
  let lastLine = 0;
  const parser = parse({
    ...parserOptions(delimiter),
    skip_records_with_error: true,
    on_record: (record, context) => {
      lastLine = context.lines;
      return record;
    },
    on_skip: (error) => {
      skipped.push({
        kind: 'unreadable',
        line: lastLine + 1,
        reason:
          error?.code === 'CSV_QUOTE_NOT_CLOSED'
            ? `A quote opened here is never closed, so the rest of the file (to line ${error.lines}) could not be read`
            : `This line could not be read as CSV (${error?.message ?? 'unknown error'})`,
      });
      return undefined;
    },
  });
  Readable.from(decodeText(bytes, detected)).pipe(parser);
  for await (const item of parser as AsyncIterable<RecordWithInfo>) {
    yield { kind: 'record', line: startLine(item), values: item.record };
  }
  // In practice only an unclosed quote is skipped, and only at the end of the file.
  yield* skipped;
}

/** The first records of a text sample, for the preview. */
export function readHead(text: string, delimiter: Delimiter, records: number): string[][] {
  const items = parseSync(text, {
    ...parserOptions(delimiter),
    skip_records_with_error: true,
    to: records,
  }) as unknown as RecordWithInfo[];
  return items.map((item) => item.record);
}
