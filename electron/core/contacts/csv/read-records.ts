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
  };
}

/** The line a record starts on, from the line it ends on: quoted line breaks inside move it back. */
function startLine(record: string[], endLine: number): number {
  const breaks = record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
  return endLine - breaks;
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
  const options: Options<CsvRecord, string[]> = {
    ...parserOptions(delimiter),
    skip_records_with_error: true,
    // The record's line is taken here rather than with `info: true`, which copies the parser's
    // whole state into an object for every record (3% of a 100,000-row import's main thread).
    on_record: (record, context) => {
      lastLine = context.lines;
      return { kind: 'record', line: startLine(record, context.lines), values: record };
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
  };
  // csv-parse's overloads without `columns` take records as string arrays; ours become CsvRecords.
  const parser = parse(options as unknown as Options);
  Readable.from(decodeText(bytes, detected)).pipe(parser);
  yield* parser as AsyncIterable<CsvRecord>;
  // In practice only an unclosed quote is skipped, and only at the end of the file.
  yield* skipped;
}

/** The first records of a text sample, for the preview. */
export function readHead(text: string, delimiter: Delimiter, records: number): string[][] {
  return parseSync(text, { ...parserOptions(delimiter), skip_records_with_error: true, to: records });
}
