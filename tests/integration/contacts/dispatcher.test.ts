import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridgeServer } from '../../../electron/core/server/bridge-server';
import type { Listening } from '../../../electron/core/server/listen';
import { dispatch, fail, ok } from '../../helpers/dispatch';
import { rpc } from '../../helpers/http';
import { addMember, addRole, tokenOf } from '../../helpers/people';
import { addContact, base64, contactsWorld, type ContactsWorld } from './setup';
import { IMPORT_MAX_BASE64, IMPORT_TOO_LARGE } from '../../../shared/import-limits';

let w: ContactsWorld;
let bridge: Listening;
beforeAll(async () => {
  w = await contactsWorld();
  bridge = await startBridgeServer(w.core, { port: 0, rendererDir: null });
});
afterAll(async () => {
  await bridge?.close();
  await w?.tc.close();
});

describe('contacts through the dispatcher', () => {
  it('names the fields a bad input got wrong', async () => {
    const error = await fail(w.core, w.token, 'contacts.create', {
      name: '  ',
      phone: '+91 90000 00001',
      email: 'not an email',
      tags: ['ok', 'a,b'],
      attributes: { '1bad': 'x' },
    });
    expect(error.code).toBe('VALIDATION');
    expect(error.fields?.map((f) => f.field).sort()).toEqual(['attributes.1bad', 'email', 'name', 'tags.1']);
    expect((await fail(w.core, w.token, 'contacts.tag', { ids: [], tag: 'x' })).fields?.[0]).toEqual({
      field: 'ids',
      message: 'Choose at least one contact',
    });
    expect((await fail(w.core, w.token, 'contacts.list', { pageSize: 500 })).fields?.[0]?.field).toBe(
      'pageSize',
    );
  });

  it('answers CONFLICT for a number in use', async () => {
    const first = await addContact(w, { name: 'First', phone: '+91 90000 00002' });
    const outcome = await dispatch(w.core, w.token, 'contacts.create', {
      name: 'Second',
      phone: '9000000002',
    });
    expect(outcome).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: `+919000000002 already belongs to “First” (contact #${first.id})`,
        fields: [{ field: 'phone', message: `Already used by “First” (contact #${first.id})` }],
      },
    });
  });

  it('lets a member with only contacts.read search but not import', async () => {
    const role = await addRole(w.core, w.token, ['contacts.read']);
    const reader = await addMember(w.core, w.token, { roleIds: [role.id] });
    expect((await ok(w.core, tokenOf(reader), 'contacts.list', { search: 'first' })).total).toBe(1);
    const refused = await fail(w.core, tokenOf(reader), 'contacts.importPreview', {
      fileName: 'x.csv',
      contentBase64: base64('phone\n+91 90000 00003\n'),
    });
    expect(refused.code).toBe('FORBIDDEN');
  });

  it('takes an import far bigger than the old 2 MB bridge limit', async () => {
    const rows = Array.from(
      { length: 40_000 },
      (_, i) => `Bridge Person ${i},+91 91000 ${String(10000 + i)},Some City`,
    );
    const csv = ['name,phone,city', ...rows].join('\n');
    const contentBase64 = base64(csv);
    expect(contentBase64.length).toBeGreaterThan(2 * 1024 * 1024);
    const response = await rpc(
      bridge.port,
      'contacts.importPreview',
      { fileName: 'big.csv', contentBase64 },
      w.token,
    );
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ ok: true, result: { rowCount: 40_000 } });
  });

  it('refuses a file over the import limit in words, over the bridge as over IPC, and imports nothing', async () => {
    const before = (await ok(w.core, w.token, 'contacts.list', {})).total;
    // One base64 quantum over the limit: the size is checked before anything is decoded.
    const contentBase64 = 'QUFB'.repeat(IMPORT_MAX_BASE64 / 4 + 1);
    const direct = await fail(w.core, w.token, 'contacts.importRun', {
      importId: 'too-large',
      contentBase64,
      mapping: ['name'],
    });
    expect(direct.code).toBe('VALIDATION');
    expect(direct.fields).toEqual([{ field: 'contentBase64', message: IMPORT_TOO_LARGE }]);
    const response = await rpc(
      bridge.port,
      'contacts.importPreview',
      { fileName: 'everyone.csv', contentBase64 },
      w.token,
    );
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('larger than 40 MB') },
    });
    expect((await ok(w.core, w.token, 'contacts.list', {})).total).toBe(before);
  });
});
