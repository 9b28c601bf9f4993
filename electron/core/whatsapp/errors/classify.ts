import { ERROR_TABLE, type ErrorClass, type ErrorTableRow } from './error-table';

export interface Classification {
  errorClass: ErrorClass;
  reason: string;
}

const exactRows = new Map<number, ErrorTableRow>();
const rangeRows: { from: number; to: number; row: ErrorTableRow }[] = [];
for (const row of ERROR_TABLE) {
  if (typeof row.codes === 'number') exactRows.set(row.codes, row);
  else rangeRows.push({ from: row.codes[0], to: row.codes[1], row });
}

/** The table row for a Meta error code, exact rows before ranges; undefined for a code we do not know. */
export function lookupErrorCode(code: number): ErrorTableRow | undefined {
  return exactRows.get(code) ?? rangeRows.find((range) => code >= range.from && code <= range.to)?.row;
}

/** What to do with a code from a webhook `errors[]` entry or a failed status (no HTTP status there). */
export function classifyErrorCode(code: number): Classification {
  return classifyFailure({ code, httpStatus: null });
}

/**
 * The class of any failure. A known code decides (Meta says to key on the code, not the HTTP status);
 * without one, the HTTP status and Graph's `is_transient` hint decide, and a request that got no answer
 * at all (network error, timeout) is worth retrying.
 */
export function classifyFailure(failure: {
  code: number | null;
  httpStatus: number | null;
  isTransient?: boolean;
}): Classification {
  if (failure.code !== null) {
    const row = lookupErrorCode(failure.code);
    if (row) return { errorClass: row.errorClass, reason: row.reason };
  }
  const { httpStatus } = failure;
  if (httpStatus === null) {
    return { errorClass: 'retry', reason: 'No answer from the API (network error or timeout).' };
  }
  if (httpStatus >= 500) return { errorClass: 'retry', reason: `The API answered HTTP ${httpStatus}.` };
  if (httpStatus === 429)
    return { errorClass: 'throttle', reason: 'The API answered HTTP 429 (too many requests).' };
  if (failure.isTransient) return { errorClass: 'retry', reason: 'The API marked the error as transient.' };
  return {
    errorClass: 'permanent',
    reason:
      failure.code === null
        ? `The API answered HTTP ${httpStatus} without an error code.`
        : `Unknown error code ${failure.code}.`,
  };
}
