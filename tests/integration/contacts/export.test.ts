import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { ok } from '../../helpers/dispatch';
import { addContact, allContacts, contactsWorld, importCsv, type ContactsWorld } from './setup';

let w: ContactsWorld;
let fresh: ContactsWorld;
beforeAll(async () => {
  [w, fresh] = await Promise.all([contactsWorld(), contactsWorld()]);
  const list = await ok(w.core, w.token, 'lists.create', { name: 'Best Customers' });
  await addContact(w, {
    name: 'Rao, Asha "AR"',
    phone: '+91 98765 43210',
    email: 'asha@shop.test',
    tags: ['vip', 'wholesale'],
    attributes: { city: 'Navi Mumbai, MH', note: 'line one\nline two' },
    listIds: [list.id],
  });
  await addContact(w, {
    name: '=HYPERLINK("http://evil")',
    phone: '+44 7911 123456',
    attributes: { balance: '-50' },
  });
  const zoe = await addContact(w, { name: 'Zoë Öztürk', phone: '+90 532 123 45 67', tags: ['new'] });
  await ok(w.core, w.token, 'contacts.setStatus', { ids: [zoe.id], status: 'blocked' });
  await ok(w.core, w.token, 'contacts.setOptOut', { id: zoe.id, optedOut: true });
});
afterAll(async () => {
  await Promise.all([w?.tc.close(), fresh?.tc.close()]);
});

describe('contacts.export', () => {
  it('writes RFC 4180 CSV with tags joined by |, status, opt-out and one column per attribute', async () => {
    const result = await ok(w.core, w.token, 'contacts.export', {});
    expect(result.fileName).toBe('contacts-2030-01-15.csv');
    expect(result.rows).toBe(3);
    const lines = result.csv.split('\r\n');
    expect(lines[0]).toBe('name,phone,user_id,email,tags,status,opted_out,balance,city,note');
    expect(lines[1]).toBe(
      '"Rao, Asha ""AR""",+919876543210,,asha@shop.test,vip|wholesale,active,no,,"Navi Mumbai, MH","line one\nline two"',
    );
    // Spreadsheet formulas are neutralised; a negative number too (it starts with "-").
    expect(lines[2]).toBe(`"'=HYPERLINK(""http://evil"")",+447911123456,,,,active,no,'-50,,`);
    expect(lines[3]).toBe('Zoë Öztürk,+905321234567,,,new,blocked,yes,,,');
    expect(parse(result.csv, { columns: true })).toHaveLength(3);
  });

  it('exports a list or a search only, naming the file after the list', async () => {
    const [list] = await ok(w.core, w.token, 'lists.list', {});
    const byList = await ok(w.core, w.token, 'contacts.export', { listId: list!.id });
    expect(byList).toMatchObject({ fileName: 'best-customers-2030-01-15.csv', rows: 1 });
    expect(byList.csv.split('\r\n')[0]).toBe('name,phone,user_id,email,tags,status,opted_out,city,note');
    const bySearch = await ok(w.core, w.token, 'contacts.export', { search: 'zoe' });
    expect(bySearch.rows).toBe(1);
    expect(bySearch.csv).toContain('Zoë Öztürk');
  });

  it('round-trips through the importer into an empty workspace', async () => {
    const exported = await ok(w.core, w.token, 'contacts.export', {});
    const report = await importCsv(fresh, exported.csv);
    expect(report).toMatchObject({ created: 3, skipped: 0 });
    const strip = (c: {
      name: string;
      phone: string | null;
      email: string | null;
      tags: string[];
      attributes: object;
    }) => ({
      name: c.name,
      phone: c.phone,
      email: c.email,
      tags: c.tags,
      attributes: c.attributes,
    });
    expect((await allContacts(fresh)).map(strip)).toEqual((await allContacts(w)).map(strip));
    // Export of the copy is the same file, except status and opt-out, which the importer does not set.
    const again = await ok(fresh.core, fresh.token, 'contacts.export', {});
    const dropState = (csv: string) => csv.replace(/,(active|blocked),(yes|no),/g, ',,,');
    expect(dropState(again.csv)).toBe(dropState(exported.csv));
  });

  it('round-trips onto itself: every row matched, none duplicated, nothing changed', async () => {
    const exported = await ok(w.core, w.token, 'contacts.export', {});
    const report = await importCsv(w, exported.csv);
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 3, skipped: 0 });
    expect((await ok(w.core, w.token, 'contacts.export', {})).csv).toBe(exported.csv);
  });
});
