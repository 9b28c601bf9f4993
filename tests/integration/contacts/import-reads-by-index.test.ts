import { afterAll, beforeAll, expect, it } from 'vitest';
import { statementsDuring } from '../../helpers/sqlite-statements';
import { contactsWorld, importCsv, type ContactsWorld } from './setup';

/**
 * An import finds each batch's existing contacts through the number's and the user id's indexes. A
 * batch with numbers only asked `phone IN (…) OR user_id IN ()`: the empty list made SQLite read the
 * whole table instead, twice a batch — 9 ms a batch at 100,000 contacts, about a third of a big
 * import's time (bench/README.md). The ids of the contacts it inserts come back with the INSERT,
 * so that is the only lookup a batch makes.
 */
let w: ContactsWorld;
beforeAll(async () => {
  w = await contactsWorld();
});
afterAll(async () => {
  await w?.tc.close();
});

it('reads existing and new contacts by index, never by reading every contact', async () => {
  const numbers = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => `Known ${from + i},+91 96666 ${String(10000 + from + i)}`);
  await importCsv(w, ['name,phone', ...numbers(0, 40)].join('\n'), { importId: 'seed' });

  // Half already known, half new; numbers only, then user ids only.
  const seen = await statementsDuring(async () => {
    await importCsv(w, ['name,phone', ...numbers(20, 40)].join('\n'), { importId: 'numbers' });
    await importCsv(w, ['name,user_id', 'Uma,US.uma1', 'Ugo,US.ugo2'].join('\n'), { importId: 'user-ids' });
  });
  const lookups = seen.filter(({ sql }) => /FROM contacts\s+WHERE .*(phone|user_id) IN/s.test(sql));
  // One a batch (each import here is one): the inserted contacts' ids come back with the INSERT.
  expect(lookups).toHaveLength(2);
  for (const { sql, params } of lookups) {
    const plan = (await w.core.ctx.db.query(`EXPLAIN QUERY PLAN ${sql}`, params)) as { detail: string }[];
    expect({ sql, plan: plan.map((p) => p.detail) }).toEqual({
      sql,
      plan: expect.not.arrayContaining([expect.stringMatching(/^SCAN contacts/)]) as unknown,
    });
  }
});
