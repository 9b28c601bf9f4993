import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputOf } from '@shared/operations';
import { fail, ok } from '../../helpers/dispatch';
import { contactsWorld, importCsv, type ContactsWorld } from './setup';

/**
 * Paging through contacts with the table's buttons (next, previous, last) reads each page by
 * seeking past a page already shown. Whatever the route, a page holds the rows the whole ordered
 * list holds at that place.
 */
let w: ContactsWorld;
const ROWS = 123;

beforeAll(async () => {
  w = await contactsWorld();
  // Names repeat (every name three times) and the import gives every contact the same creation
  // time, so sort values tie and the id has to break the ties.
  const lines = ['name,phone,email,tags'];
  for (let i = 0; i < ROWS; i++) {
    const email = i % 3 ? `p${i}@example.com` : '';
    lines.push(
      `Customer ${String(i % 41).padStart(2, '0')},+91 97000 ${10000 + i},${email},${i % 4 ? '' : 'vip'}`,
    );
  }
  expect((await importCsv(w, lines.join('\n'))).created).toBe(ROWS);
  // Some are known only by their WhatsApp user id (a customer who hides their number): no phone.
  await write(`UPDATE contacts SET phone = NULL, user_id = 'IN.' || id WHERE id % 7 = 0`);
  // Some have written in (with ties), the rest have not: the nullable sort columns.
  await write(
    `UPDATE contacts SET last_inbound_at = '2026-01-0' || (1 + id % 5) || ' 10:00:00.000' WHERE id % 3 = 0`,
  );
});
afterAll(async () => {
  await w?.tc.close();
});

type ListInput = InputOf<'contacts.list'>;
/** A write straight to the table, as another writer would make it: no event. */
const write = (sql: string, params: unknown[] = []) => w.core.ctx.tx.run((m) => m.query(sql, params));
const list = (input: ListInput) => ok(w.core, w.token, 'contacts.list', input);
const ids = async (input: ListInput) => (await list(input)).items.map((c) => c.id);

const FILTERS: ListInput[] = [{}, { search: 'example.com' }, { tag: 'vip' }];
const SORTS = ['name', 'phone', 'createdAt', 'updatedAt', 'lastInboundAt'] as const;

describe('paging through contacts', () => {
  for (const filter of FILTERS)
    for (const sort of SORTS)
      for (const order of ['asc', 'desc'] as const)
        it(`${JSON.stringify(filter)} by ${sort} ${order}: forward, backward and from the end`, async () => {
          const whole = await ids({ ...filter, sort, order, pageSize: 200 });
          const slice = (page: number, size: number) => whole.slice((page - 1) * size, page * size);

          // Forward with "next", page by page.
          const size = 7;
          const pages = Math.ceil(whole.length / size);
          for (let page = 1; page <= pages; page++)
            expect(await ids({ ...filter, sort, order, page, pageSize: size }), `page ${page}`).toEqual(
              slice(page, size),
            );

          // "Last", then "previous" all the way back.
          const other = 6;
          const last = Math.ceil(whole.length / other);
          expect(await ids({ ...filter, sort, order, pageSize: other })).toEqual(slice(1, other));
          for (let page = last; page >= 1; page--)
            expect(await ids({ ...filter, sort, order, page, pageSize: other }), `page ${page}`).toEqual(
              slice(page, other),
            );
        });

  for (const filter of FILTERS)
    it(`${JSON.stringify(filter)}: a page asked for straight away holds the same rows, in every order`, async () => {
      for (const sort of SORTS)
        for (const order of ['asc', 'desc'] as const) {
          const whole = await ids({ ...filter, sort, order, pageSize: 200 });
          const size = 6;
          for (let page = 1; page <= Math.ceil(whole.length / size); page++) {
            // Nothing read beside it (as the token API may ask): skipped to from the start or the
            // end, driven by the filter's index or walked in the sort's.
            w.core.events.publish('contacts.changed', { reason: 'test: forget the pages read' });
            expect(
              await ids({ ...filter, sort, order, page, pageSize: size }),
              `${sort} ${order} ${page}`,
            ).toEqual(whole.slice((page - 1) * size, page * size));
          }
        }
    });

  it('continues right after the last row shown, even when rows moved without notice', async () => {
    const whole = await ids({ pageSize: 200 });
    expect(await ids({ pageSize: 10 })).toEqual(whole.slice(0, 10));
    const second = await ids({ page: 2, pageSize: 10 });
    expect(second).toEqual(whole.slice(10, 20));
    // A contact from further down now sorts first (as if renamed by another writer); with OFFSET
    // page 3 would start with page 2's last row again.
    await write(`UPDATE contacts SET name_key = '0 first' WHERE id = ?`, [whole[60]]);
    const third = await ids({ page: 3, pageSize: 10 });
    expect(third).toEqual(whole.slice(20, 30));
    expect(third).not.toContain(second[9]);
    await write(`UPDATE contacts SET name_key = 'customer ' || substr(name, 10) WHERE id = ?`, [whole[60]]);
  });

  it('starts afresh when contacts change through the app', async () => {
    const before = await ids({ pageSize: 200 });
    expect(await ids({ pageSize: 10 })).toEqual(before.slice(0, 10));
    expect(await ids({ page: 2, pageSize: 10 })).toEqual(before.slice(10, 20));
    // Renamed through the app: the pages read so far are forgotten, so page 3 is page 3 of the new order.
    await ok(w.core, w.token, 'contacts.update', { id: before[60]!, name: '0 First' });
    const after = await ids({ pageSize: 200 });
    expect(after[0]).toBe(before[60]);
    expect(await ids({ page: 3, pageSize: 10 })).toEqual(after.slice(20, 30));
  });
});

describe("reading every contact by cursor (the token API's `after`)", () => {
  /** Follows `next` from page 1 to the end; the pages' ids and numbers in order. */
  const walk = async (input: ListInput) => {
    const seen: number[] = [];
    const numbers: number[] = [];
    let page = await list(input);
    for (;;) {
      seen.push(...page.items.map((c) => c.id));
      numbers.push(page.page);
      if (!page.next) return { seen, numbers, lastTotal: page.total };
      page = await list({ ...input, after: page.next });
    }
  };

  for (const filter of FILTERS)
    for (const sort of ['name', 'phone', 'lastInboundAt'] as const)
      for (const order of ['asc', 'desc'] as const)
        it(`${JSON.stringify(filter)} by ${sort} ${order}: every row once, in order`, async () => {
          const whole = await ids({ ...filter, sort, order, pageSize: 200 });
          const { seen, numbers } = await walk({ ...filter, sort, order, pageSize: 8 });
          expect(seen).toEqual(whole);
          expect(numbers).toEqual(Array.from({ length: Math.ceil(whole.length / 8) }, (_, i) => i + 1));
        });

  it('says there is no next page when the last page is exactly full', async () => {
    const whole = await ids({ search: 'example.com', pageSize: 200 });
    const size = whole.length / 2;
    expect(Number.isInteger(size)).toBe(true);
    const first = await list({ search: 'example.com', pageSize: size });
    const second = await list({ search: 'example.com', pageSize: size, after: first.next! });
    expect(second.items.map((c) => c.id)).toEqual(whole.slice(size));
    expect(second.next).toBeNull();
  });

  it('continues after the last row it gave, though contacts changed and the pages read were forgotten', async () => {
    const whole = await ids({ pageSize: 200 });
    const first = await list({ pageSize: 10 });
    // A new contact that sorts first, through the app (the page memory is forgotten): with page
    // numbers, page 2 would now begin with page 1's last row again.
    await ok(w.core, w.token, 'contacts.create', { name: '0 Early Bird', phone: '+91 97000 99999' });
    const second = await list({ pageSize: 10, after: first.next! });
    expect(second.items.map((c) => c.id)).toEqual(whole.slice(10, 20));
    const bird = (await list({ search: 'early bird' })).items[0]!;
    await ok(w.core, w.token, 'contacts.delete', { ids: [bird.id] });
  });

  it('refuses a cursor that is not one, or belongs to another order, naming the field', async () => {
    const first = await list({ sort: 'phone', pageSize: 5 });
    for (const [after, says] of [
      ['not-a-cursor', /Not a cursor/],
      [Buffer.from('{"s":"name"}').toString('base64url'), /Not a cursor/],
      [first.next!, /pages by phone asc/],
    ] as const) {
      const error = await fail(w.core, w.token, 'contacts.list', { sort: 'name', pageSize: 5, after });
      expect(error.code).toBe('VALIDATION');
      expect(error.message).toMatch(says);
      expect(error.fields?.[0]?.field).toBe('after');
    }
  });
});
