import { afterAll, beforeAll, expect, it } from 'vitest';
import { indexMergingHold, mergeSearchIndex } from '../../../electron/core/contacts/search-index-merge';
import { ok } from '../../helpers/dispatch';
import { contactsWorld, importCsv, type ContactsWorld } from './setup';

/**
 * After a big import the contacts' full-text index is merged into one segment, in steps: a webhook's
 * acknowledgement (an urgent write) goes between two steps instead of waiting for the whole merge
 * (0.24–0.36 s in one statement at 100,000 contacts).
 */
let w: ContactsWorld;
beforeAll(async () => {
  w = await contactsWorld();
});
afterAll(async () => {
  await w?.tc.close();
});

it('merges the index a few pages at a time, letting an urgent write in, and searches find the same', async () => {
  // Many segments: SQLite's own merging held back (as an import holds it), twenty small imports.
  const hold = indexMergingHold(w.core.ctx.tx);
  await hold.hold();
  for (let i = 0; i < 20; i++) {
    const rows = Array.from(
      { length: 30 },
      (_, j) => `Merge ${i}-${j},+91 95555 ${String(10000 + i * 30 + j)},m${i}x${j}@shop.example`,
    );
    await importCsv(w, ['name,phone,email', ...rows].join('\n'), { importId: `merge-${i}` });
  }
  await hold.release();
  const search = () =>
    ok(w.core, w.token, 'contacts.list', { search: 'shop.example', page: 1, pageSize: 10 });
  const before = await search();
  expect(before.total).toBe(600);

  const order: string[] = [];
  const merging = mergeSearchIndex(w.core.ctx.tx, 2).then((steps) => (order.push('merged'), steps));
  const urgent = w.core.ctx.tx.run(async () => order.push('urgent'), 'urgent');
  const [steps] = await Promise.all([merging, urgent]);
  expect(steps).toBeGreaterThan(2);
  expect(order).toEqual(['urgent', 'merged']);

  // Nothing left to merge, the index is sound, and it answers as before.
  expect(await mergeSearchIndex(w.core.ctx.tx)).toBe(1);
  await w.core.ctx.tx.run((m) =>
    m.query(`INSERT INTO contacts_fts(contacts_fts) VALUES ('integrity-check')`),
  );
  expect(await search()).toEqual(before);
});
