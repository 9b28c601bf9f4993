import { describe, expect, it } from 'vitest';
import { checkPhone as normalizePhone } from '../../../electron/core/util/phone';

describe('normalizePhone with the organization in India', () => {
  it.each([
    // [typed, E.164] — local numbers take the default country
    ['98765 43210', '+919876543210'],
    ['098765-43210', '+919876543210'],
    ['(0)98765 43210', '+919876543210'],
    ['919876543210', '+919876543210'],
    ['+91 98765 43210', '+919876543210'],
    // other countries, with "+", with the 00 international prefix, or with the "+" dropped
    ['+1 (415) 555-2671', '+14155552671'],
    ['+44 7911 123456', '+447911123456'],
    ['0044 7911 123456', '+447911123456'],
    ['+49 151 23456789', '+4915123456789'],
    ['4915123456789', '+4915123456789'],
    ['+55 11 98765-4321', '+5511987654321'],
    ['5511987654321', '+5511987654321'],
    ['+234 803 123 4567', '+2348031234567'],
    ['+62 812-3456-7890', '+6281234567890'],
    ['+971 50 123 4567', '+971501234567'],
    ['  +33 6 12 34 56 78  ', '+33612345678'],
  ])('%s → %s', (typed, e164) => {
    const phone = normalizePhone(typed, 'IN');
    expect(phone?.e164).toBe(e164);
    expect(phone?.waId).toBe(e164.slice(1));
    expect(phone?.warning).toBeNull();
  });

  it.each([
    '',
    '   ',
    'abc',
    'call me',
    '12345',
    '+1 555',
    '+91 12345 678901234',
    '++91 98765',
    '0000000000',
    '+1 000 000 0000',
    '+999 1234567',
  ])('refuses %j, which cannot be a phone number', (typed) => {
    expect(normalizePhone(typed, 'IN')).toBeNull();
  });
});

describe('normalizePhone follows the default country', () => {
  it.each([
    ['US', '(415) 555-2671', '+14155552671'],
    ['GB', '07911 123456', '+447911123456'],
    ['DE', '0151 23456789', '+4915123456789'],
    ['BR', '(11) 98765-4321', '+5511987654321'],
    ['NG', '0803 123 4567', '+2348031234567'],
    ['ID', '0812-3456-7890', '+6281234567890'],
    ['AE', '050 123 4567', '+971501234567'],
  ])('%s: %s → %s', (country, typed, e164) => {
    expect(normalizePhone(typed, country)?.e164).toBe(e164);
  });

  it('reads the same local digits differently in different countries', () => {
    expect(normalizePhone('07911 123456', 'GB')?.e164).toBe('+447911123456');
    expect(normalizePhone('07911 123456', 'IN')?.e164).toBe('+917911123456');
  });
});

describe('a number of the right length in a range the phone data does not know', () => {
  it.each([
    // The sandbox's demo customers: test ranges that libphonenumber calls possible, not valid.
    ['+1 555 123 4001', '+15551234001'],
    ['+44 7700 900123', '+447700900123'],
  ])('%s is accepted as %s, with a warning to check it', (typed, e164) => {
    const phone = normalizePhone(typed, 'IN');
    expect(phone?.e164).toBe(e164);
    expect(phone?.warning).toMatch(/right length .* not in a number range/);
  });

  it('prefers a known range to a merely possible one', () => {
    // Possible in India (13 digits) but valid only as the German mobile it is.
    expect(normalizePhone('4915123456789', 'IN')).toMatchObject({ e164: '+4915123456789', warning: null });
  });
});
