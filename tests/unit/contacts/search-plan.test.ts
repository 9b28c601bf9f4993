import { describe, expect, it } from 'vitest';
import { ftsMatch, planSearch, prefixEnd } from '../../../electron/core/contacts/search-plan';
import { buildSearchDoc, fold } from '../../../electron/core/contacts/search-text';

describe('fold', () => {
  it('drops accents and case and squeezes spaces', () => {
    expect(fold('  José   MÜLLER ')).toBe('jose muller');
    expect(fold('Zoë Øzil Ça')).toBe('zoe øzil ca');
  });
});

describe('buildSearchDoc', () => {
  it('holds folded name, digits, email, tags and attribute values, not attribute keys', () => {
    const doc = buildSearchDoc({
      name: 'José Müller',
      waId: '919876543210',
      email: 'Jose@Shop.test',
      tags: ['vip'],
      attributes: { city: 'Pune', tier: 'Gold' },
    });
    expect(doc).toBe('jose muller 919876543210 jose@shop.test vip pune gold');
    expect(doc).not.toContain('city');
  });
});

describe('planSearch', () => {
  it('is nothing for an empty search', () => {
    expect(planSearch(undefined)).toBeNull();
    expect(planSearch('   ')).toBeNull();
  });

  it('turns a number typed any way into its digits, without a leading trunk or 00 prefix', () => {
    for (const typed of ['+91 98765-43210', '919876543210', '(91) 98765 43210']) {
      expect(planSearch(typed)?.longTerms).toEqual(['919876543210']);
    }
    expect(planSearch('098765 43210')?.longTerms).toEqual(['9876543210']);
    expect(planSearch('0044 7911')?.longTerms).toEqual(['447911']);
  });

  it('matches one or two digits against the start of the number', () => {
    expect(planSearch('+4')).toMatchObject({ longTerms: [], phonePrefix: '4' });
  });

  it('splits words, folds them and keeps short words as extra checks', () => {
    expect(planSearch('José  de MÜLLER')).toEqual({
      longTerms: ['jose', 'muller'],
      shortTerms: ['de'],
      namePrefix: null,
      phonePrefix: null,
    });
  });

  it('treats a search of short words only as the start of the name', () => {
    expect(planSearch('Jo')).toMatchObject({ longTerms: [], namePrefix: 'jo' });
    expect(planSearch('a b')).toMatchObject({ longTerms: [], namePrefix: 'a b' });
  });

  it('strips separators from a number written inside words', () => {
    expect(planSearch('asha 98765-43210')?.longTerms).toEqual(['asha', '9876543210']);
  });
});

describe('ftsMatch', () => {
  it('quotes every term, doubling quotes, so FTS syntax in the search is plain text', () => {
    expect(ftsMatch(['kumar'])).toBe('"kumar"');
    expect(ftsMatch(['say "hi"', 'or'])).toBe('"say ""hi"""' + ' "or"');
    expect(ftsMatch(['near(a', 'b*', 'name:x'])).toBe('"near(a" "b*" "name:x"');
  });
});

describe('prefixEnd', () => {
  it('is the first string after every string with the prefix', () => {
    expect(prefixEnd('jo')).toBe('jp');
    expect(prefixEnd('9')).toBe(':');
    expect('jozzz' < prefixEnd('jo')).toBe(true);
    expect('jp' < prefixEnd('jo')).toBe(false);
  });
});
