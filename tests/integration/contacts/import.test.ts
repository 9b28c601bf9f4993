import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fail, ok } from '../../helpers/dispatch';
import { IMPORT_BATCH_ROWS } from '../../../electron/core/contacts/csv/import-contacts';
import {
  allContacts,
  base64,
  contactsWorld,
  fixture,
  importCsv,
  type ContactsWorld,
  type ImportProgressPayload,
} from './setup';

let w: ContactsWorld;
beforeAll(async () => {
  w = await contactsWorld();
});
afterAll(async () => {
  await w?.tc.close();
});

const preview = (content: string | Buffer) =>
  ok(w.core, w.token, 'contacts.importPreview', { fileName: 'f.csv', contentBase64: base64(content) });

describe('contacts.importPreview', () => {
  it('shows delimiter, encoding, headers, first rows, a row count and a suggested mapping', async () => {
    const result = await preview(fixture('bad-rows.csv'));
    expect(result).toMatchObject({
      delimiter: ',',
      encoding: 'utf-8',
      headers: ['Name', 'Phone', 'Email', 'Tags', 'City'],
      rowCount: 9,
      suggestedMapping: ['name', 'phone', 'email', 'tags', 'attribute:city'],
    });
    expect(result.rows[0]).toEqual(['Asha Rao', '98765 43210', 'asha@shop.test', 'vip|wholesale', 'Pune']);
    expect(result.rows[6]?.[0]).toBe('Quoted, Name');
    expect(result.rows).toHaveLength(9);
  });

  it('reads semicolons, a BOM and Latin-1', async () => {
    expect(await preview(fixture('semicolons.csv'))).toMatchObject({
      delimiter: ';',
      encoding: 'utf-8',
      headers: ['Name', 'Mobile', 'E-mail', 'Labels', 'Ville'],
      suggestedMapping: ['name', 'phone', 'email', 'tags', 'attribute:ville'],
    });
    expect(await preview(fixture('utf8-bom.csv'))).toMatchObject({
      encoding: 'utf-8',
      headers: ['Full Name', 'WhatsApp', 'Email'],
      suggestedMapping: ['name', 'phone', 'email'],
    });
    const latin1 = await preview(fixture('latin1.csv'));
    expect(latin1).toMatchObject({ encoding: 'latin1', headers: ['Customer', 'Tel', 'Stadt'] });
    expect(latin1.rows[0]).toEqual(['José Müller', '+49 151 98765432', 'München']);
  });

  it('shows at most ten rows but counts them all', async () => {
    const lines = ['phone', ...Array.from({ length: 40 }, (_, i) => `+91 93333 ${10000 + i}`)];
    const result = await preview(lines.join('\n'));
    expect(result.rows).toHaveLength(10);
    expect(result.rowCount).toBe(40);
  });

  it('refuses an empty file and a UTF-16 one, naming the field', async () => {
    const empty = await fail(w.core, w.token, 'contacts.importPreview', {
      fileName: 'e.csv',
      contentBase64: base64(Buffer.from([0xef, 0xbb, 0xbf])),
    });
    expect(empty).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'contentBase64' }] });
    const utf16 = await fail(w.core, w.token, 'contacts.importPreview', {
      fileName: 'u.csv',
      contentBase64: base64(Buffer.from('\ufeffphone\n', 'utf16le')),
    });
    expect(utf16).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'contentBase64' }] });
  });
});

describe('contacts.importRun', () => {
  it('imports the good rows and reports every bad one with its line and reason', async () => {
    const report = await importCsv(w, fixture('bad-rows.csv'));
    expect(report).toMatchObject({ totalRows: 9, created: 3, updated: 0, skipped: 6 });
    expect(report.errors.map((e) => [e.row, e.reason])).toEqual([
      [3, 'Missing phone number'],
      [4, 'Not a phone number: “12345”'],
      [5, 'Same phone number as line 2 (+919876543210)'],
      [6, 'Too many columns: 6, the header has 5'],
      [7, 'Not an email address: “not-an-email”'],
      [9, 'Not a phone number: “call me maybe”'],
    ]);
    expect(report.errors[3]?.values).toEqual([
      'Too Many',
      '98765 00002',
      'many@shop.test',
      '',
      'Chennai',
      'surplus',
    ]);
    const contacts = await allContacts(w);
    expect(contacts.map((c) => [c.name, c.phone, c.email, c.tags, c.attributes])).toEqual([
      ['Asha Rao', '+919876543210', 'asha@shop.test', ['vip', 'wholesale'], { city: 'Pune' }],
      ['Quoted, Name', '+919876500004', 'quoted@shop.test', ['new'], { city: 'Navi Mumbai' }],
      ['Trailing Comma', '+919876500005', 'trailing@shop.test', [], { city: 'Indore' }],
    ]);
  });

  it('writes the bad rows back as CSV with a reason column, which imports once fixed', async () => {
    const report = await importCsv(w, fixture('bad-rows.csv'));
    const lines = report.errorCsv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('Name,Phone,Email,Tags,City,reason');
    expect(lines[1]).toBe('No Phone,,nophone@shop.test,,Delhi,Missing phone number');
    expect(lines[4]).toBe(
      'Too Many,98765 00002,many@shop.test,,Chennai,"Too many columns: 6, the header has 5",surplus',
    );
    // Fix two rows the way a user would, drop the rest, and import the error file itself.
    const fixed = [
      lines[0],
      lines[1]!.replace('No Phone,,', 'No Phone,+91 98765 00001,'),
      lines[5]!.replace('not-an-email', 'bad.email@shop.test'),
    ].join('\r\n');
    const again = await importCsv(w, fixed);
    expect(again).toMatchObject({ created: 2, skipped: 0 });
    expect(Object.keys((await allContacts(w)).find((c) => c.name === 'No Phone')!.attributes)).toEqual([
      'city',
    ]);
  });

  it('updates contacts that exist instead of duplicating them, merging attributes and adding tags', async () => {
    const list = await ok(w.core, w.token, 'lists.create', { name: 'Imported' });
    const before = (await allContacts(w)).length;
    const csv = [
      'Name,Phone,Email,Tags,Tier',
      'Asha R. Rao,+91 98765 43210,,loyal,Gold', // known: name overwritten, email kept, city kept
      ',+91 98765 00004,new.mail@shop.test,,', // known: empty name keeps the old one
      'Brand New,+91 98765 00099,,,Silver',
    ].join('\n');
    const report = await importCsv(w, csv, { listIds: [list.id], tags: ['Spring Sale'] });
    expect(report).toMatchObject({ totalRows: 3, created: 1, updated: 2, skipped: 0 });
    const contacts = await allContacts(w);
    expect(contacts).toHaveLength(before + 1);
    expect(contacts.find((c) => c.phone === '+919876543210')).toMatchObject({
      name: 'Asha R. Rao',
      email: 'asha@shop.test',
      tags: ['loyal', 'spring sale', 'vip', 'wholesale'],
      attributes: { city: 'Pune', tier: 'Gold' },
    });
    expect(contacts.find((c) => c.phone === '+919876500004')).toMatchObject({
      name: 'Quoted, Name',
      email: 'new.mail@shop.test',
    });
    expect(contacts.find((c) => c.phone === '+919876500099')).toMatchObject({
      name: 'Brand New',
      tags: ['spring sale'],
    });
    expect(await ok(w.core, w.token, 'lists.get', { id: list.id })).toMatchObject({ subscribedCount: 3 });
    // Search sees the update.
    expect((await ok(w.core, w.token, 'contacts.list', { search: 'gold' })).total).toBe(1);
  });

  it('leaves contacts a file does not change as they are, and updates only what it changes', async () => {
    const csv = (email: string) =>
      [
        'Name,Phone,Email,Tags,Tier',
        'Same One,+91 97000 00001,same.one@shop.test,steady,Gold',
        `Same Two,+91 97000 00002,${email},steady,Gold`,
      ].join('\n');
    await importCsv(w, csv('same.two@shop.test'));
    const stamp = async () =>
      Object.fromEntries(
        (await ok(w.core, w.token, 'contacts.list', { search: 'same', pageSize: 10 })).items.map((c) => [
          c.name,
          c.updatedAt,
        ]),
      );
    const first = await stamp();
    w.tc.clock.advanceSeconds(60);

    // The same file again: both are matched, neither is written, and the report says so.
    const again = await importCsv(w, csv('same.two@shop.test'));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await stamp()).toEqual(first);

    // One new email: that contact alone is written, and search finds it by the new address.
    w.tc.clock.advanceSeconds(60);
    expect(await importCsv(w, csv('second.address@shop.test'))).toMatchObject({ updated: 1, unchanged: 1 });
    const after = await stamp();
    expect(after['Same One']).toBe(first['Same One']);
    expect(Date.parse(after['Same Two']!)).toBeGreaterThan(Date.parse(first['Same Two']!));
    const found = await ok(w.core, w.token, 'contacts.list', { search: 'second.address' });
    expect(found.items.map((c) => c.name)).toEqual(['Same Two']);

    // Unchanged, they still join a list chosen in the wizard, and the lists' screens hear of it.
    const list = await ok(w.core, w.token, 'lists.create', { name: 'Same people' });
    const seen = w.events.length;
    const joined = await importCsv(w, csv('second.address@shop.test'), { listIds: [list.id] });
    expect(joined).toMatchObject({ updated: 0, unchanged: 2 });
    expect(await ok(w.core, w.token, 'lists.get', { id: list.id })).toMatchObject({ subscribedCount: 2 });
    expect(w.events.slice(seen).map((e) => e.name)).toContain('lists.changed');
  });

  it('imports semicolon, BOM and Latin-1 files with their letters intact', async () => {
    expect(await importCsv(w, fixture('semicolons.csv'))).toMatchObject({ created: 3, skipped: 0 });
    expect(await importCsv(w, fixture('utf8-bom.csv'))).toMatchObject({ created: 2, skipped: 0 });
    expect(await importCsv(w, fixture('latin1.csv'))).toMatchObject({ created: 3, skipped: 0 });
    const byPhone = new Map((await allContacts(w)).map((c) => [c.phone, c]));
    expect(byPhone.get('+33698765432')).toMatchObject({
      name: 'Dupont; Jean',
      attributes: { ville: 'Lyon' },
    });
    expect(byPhone.get('+33612345678')).toMatchObject({ name: 'Amélie Dupont', tags: ['vip'] });
    expect(byPhone.get('+4915123456789')).toMatchObject({ tags: ['retail', 'vip'] });
    expect(byPhone.get('+905321234567')).toMatchObject({ name: 'Zoë Öztürk', email: 'zoe@shop.test' });
    expect(byPhone.get('+2348031234567')).toMatchObject({ name: 'Chinedu Okafor', email: null });
    const jose = (await ok(w.core, w.token, 'contacts.list', { search: 'jose muller' })).items;
    expect(jose.map((c) => [c.name, c.attributes])).toEqual([['José Müller', { stadt: 'München' }]]);
    expect((await ok(w.core, w.token, 'contacts.list', { search: '€uro' })).items[0]?.name).toBe('Café €uro');
  });

  it('numbers lines by the file, even with quoted line breaks and CRLF', async () => {
    const csv = 'name,phone\r\n"Two\r\nLines",+91 94444 00001\r\n\r\nBad,123\r\n"x",+91 94444 00001\r\n';
    const report = await importCsv(w, csv);
    expect(report.errors.map((e) => [e.row, e.reason])).toEqual([
      [5, 'Not a phone number: “123”'],
      [6, 'Same phone number as line 2 (+919444400001)'],
    ]);
    expect((await ok(w.core, w.token, 'contacts.list', { search: '9444400001' })).items[0]?.name).toBe(
      'Two\nLines',
    );
  });

  it('reports a quote that is never closed instead of failing the import', async () => {
    const report = await importCsv(
      w,
      'name,phone\nGood,+91 94444 00002\n"Broken,+91 94444 00003\nLost,+91 94444 00004\n',
    );
    expect(report.created).toBe(1);
    expect(report.errors).toEqual([
      expect.objectContaining({ row: 3, reason: expect.stringContaining('never closed') }),
    ]);
  });

  it('publishes progress at least once per batch, then contacts.changed', async () => {
    const batch = IMPORT_BATCH_ROWS;
    const total = batch * 2 + batch / 4;
    const rows = Array.from({ length: total }, (_, i) => `P${i},+91 95555 ${String(10000 + i)}`);
    const from = w.events.length;
    const report = await importCsv(w, ['name,phone', ...rows].join('\n'), { importId: 'progress-test' });
    expect(report.created).toBe(total);
    const events = w.events.slice(from);
    const progress = events
      .filter((e) => e.name === 'import.progress')
      .map((e) => e.payload as ImportProgressPayload);
    expect(progress.map((p) => p.processed)).toEqual([batch, batch * 2, total, total]);
    expect(progress.every((p) => p.importId === 'progress-test' && p.total === total)).toBe(true);
    expect(events.at(-1)).toEqual({ name: 'contacts.changed', payload: { reason: 'contacts.imported' } });
  });

  it('checks the mapping before touching anything', async () => {
    const contentBase64 = base64('name,phone\nA,+91 96666 00001\n');
    const run = (mapping: string[], listIds: number[] = []) =>
      fail(w.core, w.token, 'contacts.importRun', {
        importId: 'm',
        contentBase64,
        mapping,
        listIds,
        tags: [],
      });
    expect(await run(['name'])).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'mapping' }] });
    expect(await run(['name', 'ignore'])).toMatchObject({
      code: 'VALIDATION',
      fields: [{ field: 'mapping', message: 'Choose the column that holds the phone number' }],
    });
    expect(await run(['phone', 'phone'])).toMatchObject({
      code: 'VALIDATION',
      fields: [{ field: 'mapping.1' }],
    });
    expect(await run(['name', 'attribute:1bad'])).toMatchObject({
      code: 'VALIDATION',
      fields: [{ field: 'mapping.1' }],
    });
    expect(await run(['name', 'phone'], [999])).toMatchObject({
      code: 'VALIDATION',
      fields: [{ field: 'listIds' }],
    });
    expect((await ok(w.core, w.token, 'contacts.list', { search: '9666600001' })).total).toBe(0);
  });
});
