import { describe, expect, it } from 'vitest';
import type { ImportTarget } from '@shared/types/contacts';
import { RowValidator } from '../../../electron/core/contacts/csv/import-rows';

const mapping: ImportTarget[] = ['name', 'phone', 'email', 'tags', 'attribute:city'];
const row = (line: number, ...values: string[]) => ({ kind: 'record' as const, line, values });

describe('RowValidator', () => {
  it('maps a good row: E.164 phone, lower-case email, split tags, non-empty attributes', () => {
    const check = new RowValidator(mapping, 'IN').check(
      row(2, ' Asha Rao ', '98765 43210', 'Asha@Shop.TEST', 'VIP|new', ''),
    );
    expect(check).toEqual({
      ok: true,
      row: {
        line: 2,
        phone: { e164: '+919876543210', waId: '919876543210', warning: null },
        userId: null,
        name: 'Asha Rao',
        email: 'asha@shop.test',
        tags: ['vip', 'new'],
        attributes: {},
      },
    });
  });

  it('gives each kind of bad row its reason and line', () => {
    const v = new RowValidator(mapping, 'IN');
    const reasons = [
      row(2, 'A', '98765 43210', '', '', ''),
      row(3, 'B', '', '', '', ''),
      row(4, 'C', '12345', '', '', ''),
      row(5, 'D', '+91 98765-43210', '', '', ''),
      row(6, 'E', '98765 00001', '', '', '', 'surplus'),
      row(7, 'F', '98765 00002', 'nope', '', ''),
      row(8, 'x'.repeat(121), '98765 00003', '', '', ''),
      row(9, 'G', '98765 00004', '', 't'.repeat(41), ''),
    ].map((r) => {
      const result = v.check(r);
      return result.ok ? 'ok' : `${result.error.row}: ${result.error.reason}`;
    });
    expect(reasons).toEqual([
      'ok',
      '3: Missing phone number',
      '4: Not a phone number: “12345”',
      '5: Same phone number as line 2 (+919876543210)',
      '6: Too many columns: 6, the header has 5',
      '7: Not an email address: “nope”',
      '8: Name longer than 120 characters',
      `9: Tag longer than 40 characters: “${'t'.repeat(41)}”`,
    ]);
  });

  it('accepts a trailing empty column and short rows', () => {
    const v = new RowValidator(mapping, 'IN');
    expect(v.check(row(2, 'A', '98765 43210', '', '', 'Pune', '')).ok).toBe(true);
    expect(v.check(row(3, 'B', '98765 43211')).ok).toBe(true);
  });

  it('does not let a bad row claim its number for later lines', () => {
    const v = new RowValidator(mapping, 'IN');
    expect(v.check(row(2, 'A', '98765 43210', 'bad', '', '')).ok).toBe(false);
    expect(v.check(row(3, 'A', '98765 43210', 'a@shop.test', '', '')).ok).toBe(true);
  });

  it('removes the formula guard our export adds', () => {
    const check = new RowValidator(mapping, 'IN').check(row(2, "'=cmd", '98765 43210', '', '', "'-5"));
    expect(check.ok && check.row.name).toBe('=cmd');
    expect(check.ok && check.row.attributes).toEqual({ city: '-5' });
  });

  it('takes a WhatsApp user id beside or instead of the number (customers who hide it)', () => {
    const v = new RowValidator(['name', 'phone', 'user_id'], 'IN');
    const outcome = [
      row(2, 'Noor', '', 'US.13491208655302741918'),
      row(3, 'Asha', '98765 43210', 'US.2'),
      row(4, 'Mei', '98765 43211', ''),
      row(5, 'Nobody', '', ''),
      row(6, 'Handle', '', '@noor.bakes'),
      row(7, 'Twin', '', 'US.13491208655302741918'),
    ].map((r) => {
      const result = v.check(r);
      return result.ok ? [result.row.phone?.e164 ?? null, result.row.userId] : result.error.reason;
    });
    expect(outcome).toEqual([
      [null, 'US.13491208655302741918'],
      ['+919876543210', 'US.2'],
      ['+919876543211', null],
      'Missing phone number and user id',
      'Not a WhatsApp user id: “@noor.bakes”',
      'Same user id as line 2 (US.13491208655302741918)',
    ]);
  });
});
