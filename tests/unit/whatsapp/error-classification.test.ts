import { describe, expect, it } from 'vitest';
import {
  classifyErrorCode,
  classifyFailure,
  ERROR_TABLE,
  lookupErrorCode,
  type ErrorClass,
} from '../../../electron/core/whatsapp/errors';

/**
 * Reference §8, row by row, with the project's classification written out here independently of the
 * data file, so a wrong row in either place fails.
 */
const EXPECTED: [code: number, errorClass: ErrorClass][] = [
  [0, 'pause'],
  [1, 'retry'],
  [2, 'retry'],
  [3, 'permanent'],
  [4, 'throttle'],
  [10, 'permanent'],
  [33, 'permanent'],
  [100, 'permanent'],
  [190, 'pause'],
  [200, 'permanent'],
  [250, 'permanent'],
  [299, 'permanent'],
  [368, 'pause'],
  [80007, 'throttle'],
  [130403, 'permanent'],
  [130429, 'throttle'],
  [130472, 'permanent'],
  [130497, 'permanent'],
  [131000, 'retry'],
  [131005, 'permanent'],
  [131008, 'permanent'],
  [131009, 'permanent'],
  [131016, 'retry'],
  [131021, 'permanent'],
  [131026, 'permanent'],
  [131030, 'permanent'],
  [131031, 'pause'],
  [131037, 'permanent'],
  [131042, 'pause'],
  [131045, 'permanent'],
  [131047, 'permanent'],
  [131048, 'pause'],
  [131049, 'held'],
  [131050, 'opted_out'],
  [131051, 'permanent'],
  [131062, 'permanent'],
  [131052, 'permanent'],
  [131053, 'permanent'],
  [131056, 'throttle'],
  [131057, 'retry'],
  [131063, 'permanent'],
  [131064, 'throttle'],
  [132000, 'permanent'],
  [132001, 'permanent'],
  [132005, 'permanent'],
  [132007, 'permanent'],
  [132012, 'permanent'],
  [132015, 'pause'],
  [132016, 'pause'],
  [132018, 'permanent'],
  [133004, 'retry'],
  [133010, 'pause'],
  [133016, 'throttle'],
  [135000, 'permanent'],
  [137000, 'permanent'],
  [2494100, 'retry'],
];

describe('error classification table', () => {
  it.each(EXPECTED)('code %i is %s, whatever the HTTP status', (code, errorClass) => {
    expect(classifyErrorCode(code).errorClass).toBe(errorClass);
    // Meta: key on the code, not the status; a 500 must not turn a permanent code into a retry.
    expect(classifyFailure({ code, httpStatus: 500 }).errorClass).toBe(errorClass);
    expect(classifyFailure({ code, httpStatus: 400 }).reason).toBe(lookupErrorCode(code)?.reason);
  });

  it('gives every row a reason a person can read', () => {
    for (const row of ERROR_TABLE) expect(row.reason.length).toBeGreaterThan(10);
  });

  it('has a row, exact or range, for every code of the reference and nothing the test does not expect', () => {
    const expectedCodes = new Set(EXPECTED.map(([code]) => code));
    for (const row of ERROR_TABLE) {
      const codes = typeof row.codes === 'number' ? [row.codes] : [row.codes[0], row.codes[1]];
      for (const code of codes) expect(expectedCodes, `row for ${code}`).toContain(code);
    }
  });

  it('covers the whole 132000–132018 range, including codes without their own row', () => {
    expect(lookupErrorCode(132003)?.errorClass).toBe('permanent');
    expect(lookupErrorCode(132019)).toBeUndefined();
  });
});

describe('classifying failures without a known code', () => {
  it('retries when there was no answer at all (network error or timeout)', () => {
    expect(classifyFailure({ code: null, httpStatus: null }).errorClass).toBe('retry');
  });

  it('retries a 5xx without a known code', () => {
    expect(classifyFailure({ code: null, httpStatus: 502 }).errorClass).toBe('retry');
    expect(classifyFailure({ code: 999_999, httpStatus: 503 }).errorClass).toBe('retry');
  });

  it('throttles on HTTP 429 and retries what Graph marks transient', () => {
    expect(classifyFailure({ code: null, httpStatus: 429 }).errorClass).toBe('throttle');
    expect(classifyFailure({ code: 999_999, httpStatus: 400, isTransient: true }).errorClass).toBe('retry');
  });

  it('treats an unknown code on a 4xx as permanent', () => {
    const result = classifyFailure({ code: 999_999, httpStatus: 400 });
    expect(result).toEqual({ errorClass: 'permanent', reason: 'Unknown error code 999999.' });
  });
});
