import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  csvField,
  csvLine,
  guardFormula,
  splitTags,
  unguardFormula,
} from '../../../electron/core/contacts/csv/csv-format';

describe('csvField and csvLine (RFC 4180)', () => {
  it('quotes only what needs quoting', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Rao, Asha')).toBe('"Rao, Asha"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' edge ')).toBe('" edge "');
    expect(csvField('a;b', ';')).toBe('"a;b"');
    expect(csvLine(['a', 'b,c'])).toBe('a,"b,c"\r\n');
  });

  it('round-trips awkward values through a standard parser', () => {
    const values = ['Rao, Asha', 'say "hi"', 'two\r\nlines', ' edge ', '', 'Zoë', '=1+1'];
    const parsed = parse(csvLine(values) + csvLine(values), { relax_column_count: false }) as string[][];
    expect(parsed).toEqual([values, values]);
  });
});

describe('guardFormula and unguardFormula', () => {
  it('neutralises text a spreadsheet would run, and the importer undoes it', () => {
    for (const value of ['=HYPERLINK("http://x")', '+1', '-5', '@SUM(A1)', '\tx']) {
      const guarded = guardFormula(value);
      expect(guarded).toBe(`'${value}`);
      expect(unguardFormula(guarded)).toBe(value);
    }
  });

  it('leaves ordinary text alone, including a real leading apostrophe', () => {
    expect(guardFormula('Asha')).toBe('Asha');
    expect(unguardFormula("'tis the season")).toBe("'tis the season");
  });
});

describe('splitTags', () => {
  it('splits on |, , and ; and lower-cases', () => {
    expect(splitTags('VIP|wholesale, New ,,')).toEqual(['vip', 'wholesale', 'new']);
    expect(splitTags('vip; wholesale;new')).toEqual(['vip', 'wholesale', 'new']);
    expect(splitTags('')).toEqual([]);
  });
});
