import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputOf } from '@shared/operations';
import { ok } from '../../helpers/dispatch';
import { contactsWorld, importCsv, type ContactsWorld } from './setup';

/**
 * A list's members page by seeking from the page beside the one asked for, as the contacts table
 * does (member-query.ts): whatever the route (next, previous, last), a page holds what the whole
 * ordered list holds at that place.
 */
let w: ContactsWorld;
let listId: number;
let ids: number[];
const ROWS = 113;

beforeAll(async () => {
  w = await contactsWorld();
  listId = (await ok(w.core, w.token, 'lists.create', { name: 'Regulars' })).id;
  // Names repeat, so the id breaks ties.
  const lines = ['name,phone,email'];
  for (let i = 0; i < ROWS; i++)
    lines.push(
      `Member ${String(i % 37).padStart(2, '0')},+91 97100 ${10000 + i},${i % 3 ? `m${i}@example.com` : ''}`,
    );
  expect((await importCsv(w, lines.join('\n'), { listIds: [listId] })).created).toBe(ROWS);
  ids = (await members({ pageSize: 200 })).items.map((m) => m.contact.id);
  // Some have left the list: the subscribed filter.
  await ok(w.core, w.token, 'lists.setSubscription', {
    listId,
    contactIds: ids.filter((_, i) => i % 4 === 1),
    subscribed: false,
  });
});
afterAll(async () => {
  await w?.tc.close();
});

type MembersInput = Omit<InputOf<'lists.members'>, 'listId'>;
const members = (input: MembersInput) => ok(w.core, w.token, 'lists.members', { listId, ...input });
const page = async (input: MembersInput) => (await members(input)).items.map((m) => m.contact.id);

describe('paging through a list’s members', () => {
  for (const filter of [
    {},
    { subscribed: true },
    { subscribed: false },
    { search: 'example.com' },
  ] as MembersInput[])
    it(`${JSON.stringify(filter)}: forward, backward and from the end`, async () => {
      const whole = await page({ ...filter, pageSize: 200 });
      const slice = (n: number, size: number) => whole.slice((n - 1) * size, n * size);
      const size = 7;
      for (let n = 1; n <= Math.ceil(whole.length / size); n++)
        expect(await page({ ...filter, page: n, pageSize: size }), `page ${n}`).toEqual(slice(n, size));
      const other = 6;
      expect(await page({ ...filter, pageSize: other })).toEqual(slice(1, other));
      for (let n = Math.ceil(whole.length / other); n >= 1; n--)
        expect(await page({ ...filter, page: n, pageSize: other }), `page ${n}`).toEqual(slice(n, other));
    });

  it('starts afresh when the list changes', async () => {
    const before = await page({ pageSize: 200 });
    expect(await page({ pageSize: 10 })).toEqual(before.slice(0, 10));
    expect(await page({ page: 2, pageSize: 10 })).toEqual(before.slice(10, 20));
    await ok(w.core, w.token, 'lists.removeContacts', { listId, contactIds: [before[3]!] });
    const after = await page({ pageSize: 200 });
    expect(await page({ page: 3, pageSize: 10 })).toEqual(after.slice(20, 30));
    expect((await members({ page: 3, pageSize: 10 })).total).toBe(before.length - 1);
  });
});
