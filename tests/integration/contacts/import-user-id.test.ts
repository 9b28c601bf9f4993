import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../helpers/dispatch';
import { addContact, allContacts, base64, contactsWorld, importCsv, type ContactsWorld } from './setup';

/**
 * CSV import and export with WhatsApp user ids (issue 13): a customer who hides their number is
 * imported by user id alone, matched by it on a second import, and exported with it.
 */
let w: ContactsWorld;
beforeAll(async () => {
  w = await contactsWorld();
});
afterAll(() => w?.tc.close());

const FILE = [
  'Name,Phone,WhatsApp user id,City',
  'Noor Haddad,,US.13491208655302741918,Beirut',
  'Asha Rao,+91 98765 43210,US.2,Pune',
  'Nobody,,,Nowhere',
].join('\n');

describe('importing customers known by user id', () => {
  it('guesses the user id column, imports rows with either key and refuses rows with neither', async () => {
    const preview = await ok(w.core, w.token, 'contacts.importPreview', {
      fileName: 'people.csv',
      contentBase64: base64(FILE),
    });
    expect(preview.suggestedMapping).toEqual(['name', 'phone', 'user_id', 'attribute:city']);
    const report = await importCsv(w, FILE);
    expect(report).toMatchObject({ created: 2, skipped: 1 });
    expect(report.errors).toEqual([
      expect.objectContaining({ row: 4, reason: 'Missing phone number and user id' }),
    ]);
    const byName = new Map((await allContacts(w)).map((c) => [c.name, c]));
    expect(byName.get('Noor Haddad')).toMatchObject({
      phone: null,
      userId: 'US.13491208655302741918',
      attributes: { city: 'Beirut' },
    });
    expect(byName.get('Asha Rao')).toMatchObject({ phone: '+919876543210', userId: 'US.2' });
  });

  it('matches a second import by user id, and exports the id in its own column', async () => {
    const again = await importCsv(w, 'user_id,city\nUS.13491208655302741918,Dubai', { mode: 'overwrite' });
    expect(again).toMatchObject({ created: 0, updated: 1 });
    const noor = (await allContacts(w)).find((c) => c.userId === 'US.13491208655302741918')!;
    expect(noor.attributes).toEqual({ city: 'Dubai' });

    const exported = await ok(w.core, w.token, 'contacts.export', { search: 'noor' });
    const [header, line] = exported.csv.split('\r\n');
    expect(header).toBe('name,phone,user_id,email,tags,status,opted_out,city');
    expect(line).toBe('Noor Haddad,,US.13491208655302741918,,,active,no,Dubai');
  });

  it('keeps the contact form and the API for a contact by number working beside them', async () => {
    const mei = await addContact(w, { name: 'Mei Chen', phone: '+1 415 555 0134' });
    expect(mei).toMatchObject({ userId: null, username: null, phone: '+14155550134' });
  });
});
