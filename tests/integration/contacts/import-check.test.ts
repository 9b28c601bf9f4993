import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../helpers/dispatch';
import { addContact, allContacts, base64, contactsWorld, importCsv, type ContactsWorld } from './setup';

let w: ContactsWorld;
beforeAll(async () => {
  w = await contactsWorld();
  await addContact(w, {
    name: 'Asha Rao',
    phone: '+91 98765 43210',
    email: 'asha@shop.test',
    attributes: { city: 'Pune' },
    tags: ['vip'],
  });
  // Added by an integration without a name: the number stands in for one.
  await addContact(w, { name: '+91 98765 43211', phone: '+91 98765 43211' });
});
afterAll(async () => {
  await w?.tc.close();
});

const FILE =
  'name,phone,email,city,tags\n' +
  'Asha R.,+91 98765 43210,asha.new@shop.test,Mumbai,vip;wholesale\n' +
  'Ravi Kumar,+91 98765 43211,ravi@shop.test,Delhi,\n' +
  'New Person,+91 98765 43212,,,new\n' +
  'Demo,+1 555 123 4001,,,\n' +
  'Broken,12,,,\n';
const MAPPING = ['name', 'phone', 'email', 'attribute:city', 'tags'] as const;

describe('contacts.importCheck', () => {
  it('says what the import would do to existing contacts, per field and per mode, writing nothing', async () => {
    const before = await allContacts(w);
    const check = await ok(w.core, w.token, 'contacts.importCheck', {
      contentBase64: base64(FILE),
      mapping: [...MAPPING],
    });
    expect(check).toEqual({
      totalRows: 5,
      new: 2,
      existing: 2,
      skipped: 1,
      warned: 1,
      changes: {
        // Asha: name, email, city and a tag; the nameless one: name, email, city.
        overwrite: { contacts: 2, name: 2, email: 2, attributes: 2, tags: 1 },
        // Asha keeps her name, email and city, and only gains a tag; the nameless one is filled in.
        fill_empty: { contacts: 2, name: 1, email: 1, attributes: 1, tags: 1 },
      },
    });
    expect(await allContacts(w)).toEqual(before);
  });

  it('imports with "only fill empty fields" as the check said, splitting tags on ;', async () => {
    const report = await importCsv(w, FILE, { mapping: [...MAPPING], mode: 'fill_empty' });
    expect(report).toMatchObject({ created: 2, updated: 2, skipped: 1, warned: 1 });
    expect(report.warnings[0]).toMatchObject({ row: 5, reason: expect.stringMatching(/right length/) });
    const byPhone = new Map((await allContacts(w)).map((c) => [c.phone, c]));
    expect(byPhone.get('+919876543210')).toMatchObject({
      name: 'Asha Rao',
      email: 'asha@shop.test',
      attributes: { city: 'Pune' },
      tags: ['vip', 'wholesale'],
    });
    expect(byPhone.get('+919876543211')).toMatchObject({
      name: 'Ravi Kumar',
      email: 'ravi@shop.test',
      attributes: { city: 'Delhi' },
    });
    expect(byPhone.get('+15551234001')?.name).toBe('Demo');
  });

  it('overwrites what differs when asked to', async () => {
    await importCsv(w, FILE, { mapping: [...MAPPING], mode: 'overwrite' });
    expect((await allContacts(w)).find((c) => c.phone === '+919876543210')).toMatchObject({
      name: 'Asha R.',
      email: 'asha.new@shop.test',
      attributes: { city: 'Mumbai' },
    });
  });
});
