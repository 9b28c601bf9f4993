import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText, detectEncoding, estimateRows } from '../../../electron/core/contacts/csv/decode';
import { detectDelimiter } from '../../../electron/core/contacts/csv/detect-delimiter';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/csv/${name}`, import.meta.url));
const text = (bytes: Buffer, slice?: number) => [...decodeText(bytes, detectEncoding(bytes), slice)].join('');

describe('detectEncoding and decodeText', () => {
  it('reads plain UTF-8', () => {
    const bytes = Buffer.from('name\nZoë\n');
    expect(detectEncoding(bytes)).toEqual({ encoding: 'utf-8', start: 0 });
    expect(text(bytes)).toBe('name\nZoë\n');
  });

  it('skips a UTF-8 byte order mark', () => {
    const bytes = fixture('utf8-bom.csv');
    expect(detectEncoding(bytes)).toEqual({ encoding: 'utf-8', start: 3 });
    expect(text(bytes).startsWith('Full Name,')).toBe(true);
    expect(text(bytes)).toContain('Zoë Öztürk');
  });

  it('falls back to Latin-1 when the bytes are not UTF-8, with windows-1252 extras', () => {
    const bytes = fixture('latin1.csv');
    expect(detectEncoding(bytes).encoding).toBe('latin1');
    const decoded = text(bytes);
    expect(decoded).toContain('José Müller');
    expect(decoded).toContain('München');
    expect(decoded).toContain('Café €uro');
    expect(decoded).not.toContain('\uFFFD');
  });

  it('refuses UTF-16 with a way out', () => {
    expect(() => detectEncoding(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toThrow(/CSV UTF-8/);
  });

  it('makes every line end a "\\n", even when CRLF or a multi-byte letter is cut by a slice', () => {
    const bytes = Buffer.from('a,b\r\n"x\r\ny",é\rlast\r\n');
    for (const slice of [1, 2, 3, 5, 64 * 1024]) {
      expect(text(bytes, slice)).toBe('a,b\n"x\ny",é\nlast\n');
    }
  });
});

describe('estimateRows', () => {
  it('counts records after the header, not quoted line breaks or blank lines', () => {
    expect(estimateRows(Buffer.from('h\n1\n"2\n2b"\n\n3'), 0)).toBe(3);
    expect(estimateRows(Buffer.from('h\r\n1\r\n2\r\n'), 0)).toBe(2);
    expect(estimateRows(Buffer.from('h'), 0)).toBe(0);
    expect(estimateRows(Buffer.from('h\r1\r2\r'), 0)).toBe(2);
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['name,phone,city\nA,1,X\nB,2,Y\n', ','],
    ['name;phone;city\nA;1;X\n"Rao, Asha";2;Y\n', ';'],
    ['name\tphone\nA\t1\n', '\t'],
    ['name|phone\nA|1\n', '|'],
    // a decimal comma in a semicolon file does not fool it
    ['name;amount\nA;1,5\nB;2,25\n', ';'],
    // quoted commas in a semicolon file do not either
    ['"a,b";c\n"d,e";f\n"g,h";i\n', ';'],
    // one column: nothing to find
    ['phone\n98765 43210\n', ','],
  ])('%j → %j', (sample, expected) => {
    expect(detectDelimiter(sample)).toBe(expected);
  });

  it('finds the delimiter of the fixtures', () => {
    expect(detectDelimiter(text(fixture('semicolons.csv')))).toBe(';');
    expect(detectDelimiter(text(fixture('bad-rows.csv')))).toBe(',');
  });
});
