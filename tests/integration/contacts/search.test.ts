import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputOf } from '@shared/operations';
import { ok } from '../../helpers/dispatch';
import { addContact, contactsWorld, importCsv, type ContactsWorld } from './setup';

let w: ContactsWorld;
const FIRST = ['Asha', 'Ravi', 'José', 'Zoë', 'Chinedu', 'Meera'];
const LAST = ['Rao', 'Kumar', 'Müller', 'Okafor', 'Iyer'];

/** 300 contacts (name i: FIRST[i % 6] LAST[(i / 6) % 5] (i / 30)), every third with an email, every tenth a vip. */
beforeAll(async () => {
  w = await contactsWorld();
  const lines = ['name,phone,email,tags,city'];
  for (let i = 0; i < 300; i++) {
    const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${Math.floor(i / 30)}`;
    const email = i % 3 === 0 ? `person${i}@example.com` : '';
    lines.push(
      `${name},+91 97000 ${String(10000 + i)},${email},${i % 10 === 0 ? 'vip' : ''},${i % 2 ? 'Pune' : 'Delhi'}`,
    );
  }
  const report = await importCsv(w, lines.join('\n'));
  expect(report.created).toBe(300);
  w.tc.clock.advanceSeconds(10);
  await addContact(w, {
    name: 'Ångström Special "Quote"',
    phone: '+44 7911 123456',
    email: 'angstrom@lab.test',
  });
});
afterAll(async () => {
  await w?.tc.close();
});

const list = (input: InputOf<'contacts.list'>) => ok(w.core, w.token, 'contacts.list', input);
const names = async (input: InputOf<'contacts.list'>) => (await list(input)).items.map((c) => c.name);

describe('free-text search', () => {
  it('finds names without regard to case or accents', async () => {
    const muller = await list({ search: 'MULLER', pageSize: 200 });
    expect(muller.total).toBe(60);
    expect(muller.items.every((c) => c.name.includes('Müller'))).toBe(true);
    expect((await list({ search: 'josé müller' })).total).toBe(10);
    expect((await list({ search: 'jose muller 4' })).items.map((c) => c.name)).toEqual(
      expect.arrayContaining(['José Müller 4']),
    );
    expect(await names({ search: 'angstrom' })).toEqual(['Ångström Special "Quote"']);
  });

  it('finds a number typed in any common way', async () => {
    for (const typed of ['+91 97000 10044', '919700010044', '97000-10044', '097000 10044', '10044']) {
      expect(await names({ search: typed }), typed).toEqual(['José Müller 1']);
    }
    expect((await list({ search: '97000102' })).total).toBe(100);
    expect(await names({ search: '+44 7911' })).toEqual(['Ångström Special "Quote"']);
  });

  it('finds emails, tags and attribute values', async () => {
    expect((await list({ search: 'person42@example' })).items.map((c) => c.email)).toEqual([
      'person42@example.com',
    ]);
    expect((await list({ search: 'example.com' })).total).toBe(100);
    expect((await list({ search: 'vip' })).total).toBe(30);
    expect((await list({ search: 'pune' })).total).toBe(150);
    expect((await list({ search: 'pune vip' })).total).toBe(0);
    expect((await list({ search: 'delhi vip' })).total).toBe(30);
  });

  it('matches one or two letters against the start of the name', async () => {
    expect((await list({ search: 'z' })).total).toBe(50);
    expect((await list({ search: 'Zo' })).items.every((c) => c.name.startsWith('Zoë'))).toBe(true);
    expect((await list({ search: 'ok' })).total).toBe(0); // "Okafor" is a surname, not the start of a name
  });

  it('reads what the user types as text, never as FTS syntax', async () => {
    for (const search of [
      '"',
      '"Quote"',
      'NEAR(a b)',
      'a OR b',
      'kumar*',
      'name:asha',
      "'; DROP TABLE contacts; --",
      '(',
      '^x',
    ]) {
      await expect(list({ search }), search).resolves.toMatchObject({ page: 1 });
    }
    expect(await names({ search: '"quote"' })).toEqual(['Ångström Special "Quote"']);
    expect((await list({})).total).toBe(301);
  });
});

describe('filters', () => {
  it('filters by tag, attribute (value without regard to case), status and opt-out, and combines them', async () => {
    expect((await list({ tag: 'vip' })).total).toBe(30);
    expect((await list({ attribute: { key: 'city', value: 'PUNE' } })).total).toBe(150);
    expect((await list({ attribute: { key: 'city' } })).total).toBe(300);
    expect((await list({ attribute: { key: 'nothing' } })).total).toBe(0);
    const kumarVip = await list({ search: 'kumar', tag: 'vip', pageSize: 200 });
    expect(kumarVip.total).toBe(kumarVip.items.length);
    expect(kumarVip.items.every((c) => c.name.includes('Kumar') && c.tags.includes('vip'))).toBe(true);
    const first = (await list({ search: 'asha' })).items[0]!;
    await ok(w.core, w.token, 'contacts.setOptOut', { id: first.id, optedOut: true });
    expect((await list({ optedOut: true })).items.map((c) => c.id)).toEqual([first.id]);
    expect((await list({ optedOut: false })).total).toBe(300);
    expect((await list({ status: 'active', optedOut: false })).total).toBe(300);
    expect((await list({ status: 'active' })).total).toBe(301);
    await ok(w.core, w.token, 'contacts.setOptOut', { id: first.id, optedOut: false });
  });

  it('filters by list', async () => {
    const l = await ok(w.core, w.token, 'lists.create', { name: 'Filter list' });
    const ids = (await list({ search: 'chinedu', pageSize: 5 })).items.map((c) => c.id);
    await ok(w.core, w.token, 'lists.addContacts', { listId: l.id, contactIds: ids });
    expect((await list({ listId: l.id })).items.map((c) => c.id).sort()).toEqual([...ids].sort());
    expect((await list({ listId: l.id, search: 'vip' })).total).toBeLessThanOrEqual(5);
  });
});

describe('paging and sorting', () => {
  it('pages through every match exactly once, in name order, with the total on every page', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 7; page++) {
      const result = await list({ search: 'example.com', page, pageSize: 15 });
      expect(result.total).toBe(100);
      seen.push(...result.items.map((c) => c.phone!));
    }
    expect(seen).toHaveLength(100);
    expect(new Set(seen).size).toBe(100);
    const all = await list({ search: 'example.com', pageSize: 200 });
    expect(all.items.map((c) => c.phone)).toEqual(seen);
    const keys = all.items.map((c) => c.name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase());
    expect(keys).toEqual([...keys].sort());
  });

  it('gives the same page whichever way the query runs (common term walks, rare term drives)', async () => {
    // "delhi" matches half the contacts (the page walks the name index); "zoe kumar" matches 10
    // (the page drives from the full-text index). Both must agree with a plain sort of all matches.
    for (const search of ['delhi', 'zoe kumar']) {
      const all = (await list({ search, pageSize: 200 })).items;
      for (const page of [1, 2, 3]) {
        const got = (await list({ search, page, pageSize: 5 })).items.map((c) => c.id);
        expect(got, `${search} page ${page}`).toEqual(all.slice((page - 1) * 5, page * 5).map((c) => c.id));
      }
    }
  });

  it('sorts by phone, creation and update time, both ways', async () => {
    const byPhone = (await list({ sort: 'phone', pageSize: 200, page: 1 })).items.map((c) => c.phone);
    expect(byPhone).toEqual([...byPhone].sort());
    const desc = (await list({ sort: 'phone', order: 'desc', pageSize: 3 })).items.map((c) => c.phone);
    expect(desc[0]).toBe('+919700010299');
    expect((await list({ sort: 'createdAt', order: 'desc', pageSize: 1 })).items[0]?.name).toBe(
      'Ångström Special "Quote"',
    );
    expect((await list({ sort: 'createdAt', order: 'asc', pageSize: 1 })).items[0]?.createdAt).toBe(
      '2030-01-15T09:00:00.000Z',
    );
    const byName = await names({ order: 'desc', pageSize: 1 });
    expect(byName).toEqual(['Zoë Rao 9']);
  });

  it('returns an empty page past the end, still with the total and no next page', async () => {
    expect(await list({ page: 99, pageSize: 50 })).toEqual({
      items: [],
      total: 301,
      page: 99,
      pageSize: 50,
      next: null,
    });
  });
});
