import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputOf } from '@shared/operations';
import { EXACT_UP_TO } from '../../../electron/core/contacts/search-count-estimate';
import { ok } from '../../helpers/dispatch';
import { contactsWorld, importCsv, type ContactsWorld } from './setup';

/**
 * Page 1 of a search matching thousands, as the contacts table asks for it (`count: 'estimate'`):
 * the rows at once with an estimated total, then `contacts.count` for the exact one. Every other
 * page, and every caller that does not ask (the token API), gets the exact total.
 */
let w: ContactsWorld;
const ROWS = 9_000;
// Two in three have a shop address; the first 3,000 (imported together) live in Pune; ten are zebras.
const hasShop = (i: number) => i % 3 !== 2;
const SHOP = Array.from({ length: ROWS }, (_, i) => i).filter(hasShop).length;
const PUNE = 3_000;
const ZEBRAS = 10;

beforeAll(async () => {
  w = await contactsWorld();
  const lines = ['name,phone,email,city'];
  for (let i = 0; i < ROWS; i++) {
    const name = i < ZEBRAS ? `Zebra ${i}` : `Customer ${i}`;
    const email = hasShop(i) ? `c${i}@shop.example` : '';
    lines.push(`${name},+91 97${10_000_000 + i},${email},${i < PUNE ? 'Punecity' : 'Elsewhere'}`);
  }
  expect((await importCsv(w, lines.join('\n'))).created).toBe(ROWS);
}, 60_000);
afterAll(async () => {
  await w?.tc.close();
});

type ListInput = InputOf<'contacts.list'>;
const list = (input: ListInput) => ok(w.core, w.token, 'contacts.list', input);
const count = (input: InputOf<'contacts.count'>) => ok(w.core, w.token, 'contacts.count', input);

describe('an estimated total on page 1 of a broad search', () => {
  it('gives page 1 its exact rows with a total marked estimated, close to the exact one', async () => {
    const exact = await list({ search: 'shop.example', pageSize: 25 });
    expect(exact.total).toBe(SHOP);
    expect(exact.estimated).toBeUndefined();
    expect(SHOP).toBeGreaterThan(EXACT_UP_TO);

    const page = await list({ search: 'shop.example', pageSize: 25, count: 'estimate' });
    expect(page.estimated).toBe(true);
    expect(page.items.map((c) => c.id)).toEqual(exact.items.map((c) => c.id));
    expect(page.total).toBeGreaterThan(EXACT_UP_TO);
    expect(Math.abs(page.total - SHOP) / SHOP).toBeLessThan(0.15);
  });

  it('then counts exactly, and the next page reads by the exact total', async () => {
    const whole: number[] = [];
    for (let p = 1; p <= 2; p++)
      whole.push(...(await list({ search: 'shop.example', pageSize: 200, page: p })).items.map((c) => c.id));

    await list({ search: 'shop.example', pageSize: 25, count: 'estimate' });
    expect(await count({ search: 'shop.example', pageSize: 25 })).toEqual({ total: SHOP });
    const second = await list({ search: 'shop.example', pageSize: 25, page: 2 });
    expect(second.estimated).toBeUndefined();
    expect(second.total).toBe(SHOP);
    expect(second.items.map((c) => c.id)).toEqual(whole.slice(25, 50));
  });

  it('never estimates a page after the first, even when asked and not yet counted', async () => {
    await list({ search: 'shop.example', sort: 'phone', pageSize: 25, count: 'estimate' });
    const second = await list({
      search: 'shop.example',
      sort: 'phone',
      pageSize: 25,
      page: 2,
      count: 'estimate',
    });
    expect(second.estimated).toBeUndefined();
    expect(second.total).toBe(SHOP);
  });

  it('estimates matches bunched in one part of the address book as well', async () => {
    const page = await list({ search: 'punecity', pageSize: 25, count: 'estimate' });
    // 3,000 is under the exact limit: counted exactly, however bunched.
    expect(page.estimated).toBeUndefined();
    expect(page.total).toBe(PUNE);
    const broad = await list({ search: 'elsewhere', pageSize: 25, count: 'estimate' });
    expect(broad.estimated).toBe(true);
    expect(Math.abs(broad.total - (ROWS - PUNE)) / (ROWS - PUNE)).toBeLessThan(0.15);
    expect(await count({ search: 'elsewhere' })).toEqual({ total: ROWS - PUNE });
  });

  it('counts exactly when there are few matches, or when nobody asked for an estimate', async () => {
    const few = await list({ search: 'zebra', pageSize: 25, count: 'estimate' });
    expect(few.estimated).toBeUndefined();
    expect(few.total).toBe(ZEBRAS);
    const everyone = await list({ pageSize: 25, count: 'estimate' });
    expect(everyone.estimated).toBeUndefined();
    expect(everyone.total).toBe(ROWS);
  });
});
