import { describe, expect, it } from 'vitest';
import { guessMapping } from '../../../electron/core/contacts/csv/guess-mapping';

describe('guessMapping', () => {
  it('recognises the usual headers and their variants', () => {
    expect(guessMapping(['Name', 'Phone', 'Email', 'Tags'])).toEqual(['name', 'phone', 'email', 'tags']);
    expect(guessMapping(['Full Name', 'Mobile', 'E-mail', 'Labels'])).toEqual([
      'name',
      'phone',
      'email',
      'tags',
    ]);
    expect(guessMapping(['Customer', 'WhatsApp', 'e_mail'])).toEqual(['name', 'phone', 'email']);
    expect(guessMapping(['customer name', 'Tel', 'Mail Address'])).toEqual(['name', 'phone', 'email']);
    expect(guessMapping(['Number', 'Client'])).toEqual(['phone', 'name']);
  });

  it('falls back on a telling word inside a longer header', () => {
    expect(guessMapping(['Customer WhatsApp No.', 'Primary Email Address'])).toEqual(['phone', 'email']);
  });

  it('uses each field once; later look-alikes become attributes', () => {
    expect(guessMapping(['Mobile', 'Phone', 'Name', 'Name'])).toEqual([
      'phone',
      'attribute:phone',
      'name',
      'attribute:name',
    ]);
  });

  it('turns other headers into snake_case attribute keys the contract accepts', () => {
    expect(guessMapping(['Phone', 'Loyalty Tier', 'Ville / Città', '2024 Orders', 'City', 'city'])).toEqual([
      'phone',
      'attribute:loyalty_tier',
      'attribute:ville_citta',
      'attribute:col_2024_orders',
      'attribute:city',
      'attribute:city_2',
    ]);
    const long = guessMapping(['Phone', 'x'.repeat(60)])[1]!;
    expect(long).toMatch(/^attribute:[a-z][a-z0-9_]{0,39}$/);
  });

  it('ignores empty headers and the columns our own export and error files add', () => {
    expect(guessMapping(['Phone', '', '  ', 'status', 'opted_out', 'reason'])).toEqual([
      'phone',
      'ignore',
      'ignore',
      'ignore',
      'ignore',
      'ignore',
    ]);
  });

  it('reuses an attribute key already in use when a header names it', () => {
    expect(guessMapping(['Phone', 'CITY', 'Loyalty tier'], ['City', 'loyalty_tier'])).toEqual([
      'phone',
      'attribute:City',
      'attribute:loyalty_tier',
    ]);
  });
});
