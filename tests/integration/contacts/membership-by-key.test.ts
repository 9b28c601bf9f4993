import { afterAll, beforeAll, expect, it } from 'vitest';
import { ok } from '../../helpers/dispatch';
import { statementsDuring } from '../../helpers/sqlite-statements';
import { contactsWorld, importCsv, type ContactsWorld } from './setup';

/**
 * Subscribing contacts to a list checks that each exists and has not opted out. The check was
 * `contact_id IN (SELECT id FROM contacts WHERE opted_out = 0)`, which SQLite answers by listing
 * every opted-in contact first (a scan of the table per 500 ids); it now looks each id up by its
 * key, and adding to a list takes one statement per 500 contacts (issue 15: a big import's lists).
 */
let w: ContactsWorld;
beforeAll(async () => {
  w = await contactsWorld();
});
afterAll(async () => {
  await w?.tc.close();
});

it('adds and resubscribes contacts looking each up by its key, one statement per 500', async () => {
  const rows = Array.from({ length: 600 }, (_, i) => `Key ${i},+91 93333 ${String(10000 + i)}`);
  await importCsv(w, ['name,phone', ...rows].join('\n'), { importId: 'keyed' });
  const page = await ok(w.core, w.token, 'contacts.list', { search: 'key', pageSize: 100, page: 1 });
  expect(page.total).toBe(600);
  const all = await w.core.ctx.db.query("SELECT id FROM contacts WHERE name LIKE 'Key %' ORDER BY id");
  const ids = (all as { id: number }[]).map((r) => r.id);
  const optedOut = ids.slice(0, 3);
  for (const id of optedOut) await ok(w.core, w.token, 'contacts.setOptOut', { id, optedOut: true });
  const list = await ok(w.core, w.token, 'lists.create', { name: 'By key' });

  const added = await statementsDuring(() =>
    ok(w.core, w.token, 'lists.addContacts', { listId: list.id, contactIds: ids }),
  );
  expect(await ok(w.core, w.token, 'lists.get', { id: list.id })).toMatchObject({ subscribedCount: 597 });
  expect(added.filter(({ sql }) => /^\s*INSERT INTO list_members/.test(sql))).toHaveLength(2);

  await ok(w.core, w.token, 'lists.setSubscription', { listId: list.id, contactIds: ids, subscribed: false });
  const resubscribed = await statementsDuring(() =>
    ok(w.core, w.token, 'lists.setSubscription', { listId: list.id, contactIds: ids, subscribed: true }),
  );
  expect(await ok(w.core, w.token, 'lists.get', { id: list.id })).toMatchObject({ subscribedCount: 597 });

  const touchingContacts = [...added, ...resubscribed].filter(({ sql }) => /\bcontacts\b/.test(sql));
  expect(touchingContacts.length).toBeGreaterThanOrEqual(4);
  for (const { sql, params } of touchingContacts) {
    const plan = (await w.core.ctx.db.query(`EXPLAIN QUERY PLAN ${sql}`, params)) as { detail: string }[];
    expect({ sql, plan: plan.map((p) => p.detail) }).toEqual({
      sql,
      plan: expect.not.arrayContaining([expect.stringMatching(/^(SCAN contacts|LIST SUBQUERY)/)]) as unknown,
    });
  }
});
