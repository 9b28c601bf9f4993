import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputOf } from '@shared/operations';
import { ok } from '../../helpers/dispatch';
import { contactsWorld, importCsv, type ContactsWorld } from './setup';

/**
 * Deep pages asked for straight away (as the token API may) of a filter that holds thousands of a
 * bigger address book: read through the filter's index, sorting keys first. Whatever the route,
 * a page holds the rows the whole ordered list holds at that place.
 */
let w: ContactsWorld;
const ROWS = 10_000;

beforeAll(async () => {
  w = await contactsWorld();
  const lines = ['name,phone,tags'];
  // Names repeat so sort values tie; one contact in four is a VIP (2,500: past the point where
  // keys are sorted first).
  for (let i = 0; i < ROWS; i++)
    lines.push(
      `Client ${String(i % 97).padStart(2, '0')},+91 96${String(10_000_000 + i)},${i % 4 ? '' : 'vip'}`,
    );
  expect((await importCsv(w, lines.join('\n'))).created).toBe(ROWS);
}, 60_000);
afterAll(async () => {
  await w?.tc.close();
});

type ListInput = InputOf<'contacts.list'>;
const list = (input: ListInput) => ok(w.core, w.token, 'contacts.list', input);

/** Every VIP in order, read by cursor (the sort index walked from each page's last row). */
async function everyVip(sort: ListInput['sort'], order: 'asc' | 'desc'): Promise<number[]> {
  const seen: number[] = [];
  let page = await list({ tag: 'vip', sort, order, pageSize: 200 });
  seen.push(...page.items.map((c) => c.id));
  while (page.next) {
    page = await list({ tag: 'vip', sort, order, pageSize: 200, after: page.next });
    seen.push(...page.items.map((c) => c.id));
  }
  return seen;
}

describe('deep pages of a filter with thousands of matches, asked for straight away', () => {
  for (const [sort, order] of [
    ['name', 'asc'],
    ['name', 'desc'],
    ['phone', 'asc'],
  ] as const)
    it(`by ${sort} ${order}`, async () => {
      const whole = await everyVip(sort, order);
      expect(whole).toHaveLength(ROWS / 4);
      for (const page of [1, 25, 40, 50, 61, 75, 100]) {
        w.core.events.publish('contacts.changed', { reason: 'test: forget the pages read' });
        const answer = await list({ tag: 'vip', sort, order, page, pageSize: 25 });
        expect(
          answer.items.map((c) => c.id),
          `page ${page}`,
        ).toEqual(whole.slice((page - 1) * 25, page * 25));
      }
    });
});
