/**
 * Writing CSV (RFC 4180) and the guard against spreadsheet formulas.
 *
 * A cell that starts with = + - @ (or a tab / carriage return) is run as a formula by Excel and
 * LibreOffice; contact names can come from WhatsApp profiles, i.e. from strangers. Such text is
 * written with a leading apostrophe, which spreadsheets show as text, and our importer removes it
 * again, so an export still round-trips. Phone numbers are validated E.164 and written as they are.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function guardFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function unguardFormula(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** One field, quoted when it holds the delimiter, a quote, a line end or edge spaces. */
export function csvField(value: string, delimiter = ','): string {
  const needsQuotes =
    value.includes(delimiter) ||
    value.includes('"') ||
    value.includes('\n') ||
    value.includes('\r') ||
    value !== value.trim();
  return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One record with its CRLF line end, as RFC 4180 writes it. */
export function csvLine(values: readonly string[], delimiter = ','): string {
  return `${values.map((v) => csvField(v, delimiter)).join(delimiter)}\r\n`;
}

/**
 * Tags in one cell. Tags cannot hold these separators (the contract forbids them); '|' is what an
 * export writes. A file separated by ';' can still use ';' between tags when the cell is quoted,
 * and one separated by ',' can use it freely: every one of them splits, whatever the file's own.
 */
export const TAG_SEPARATOR = '|';
export const TAG_SEPARATORS = ['|', ',', ';'] as const;

/** A tags cell as typed by people or written by us: split on '|', ',' and ';'. */
export function splitTags(cell: string): string[] {
  return cell
    .split(/[|,;]/)
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t.length > 0);
}
