import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fail, ok } from '../../helpers/dispatch';
import { addContact, contactsWorld, type ContactsWorld } from './setup';

let w: ContactsWorld;
beforeAll(async () => {
  w = await contactsWorld();
});
afterAll(async () => {
  await w?.tc.close();
});

describe('creating and editing contacts', () => {
  it('stores the number in E.164 with its WhatsApp id, and the rest as given', async () => {
    const created = await addContact(w, {
      name: 'Asha Rao',
      phone: '098765-43210',
      email: 'Asha@Shop.TEST',
      tags: ['VIP', 'wholesale'],
      attributes: { city: 'Pune', tier: 'Gold' },
    });
    expect(created).toMatchObject({
      name: 'Asha Rao',
      phone: '+919876543210',
      waId: '919876543210',
      email: 'asha@shop.test',
      tags: ['vip', 'wholesale'],
      attributes: { city: 'Pune', tier: 'Gold' },
      status: 'active',
      optedOut: false,
      optedOutAt: null,
      lastInboundAt: null,
    });
    expect((created as { warnings?: unknown }).warnings).toEqual([]);
    const { warnings: _none, ...saved } = created as typeof created & { warnings?: unknown };
    const detail = await ok(w.core, w.token, 'contacts.get', { id: created.id });
    expect(detail).toMatchObject({ ...saved, lists: [] });
  });

  it('refuses a second contact with the same number, however it is written, naming who has it', async () => {
    const first = await addContact(w, { name: 'Ravi Kumar', phone: '+91 99887 76655' });
    for (const phone of ['9988776655', '+91-99887-76655', '0091 99887 76655']) {
      const error = await fail(w.core, w.token, 'contacts.create', { name: 'Someone', phone });
      expect(error.code).toBe('CONFLICT');
      expect(error.fields).toEqual([
        { field: 'phone', message: `Already used by “Ravi Kumar” (contact #${first.id})` },
      ]);
      expect(error.message).toContain('+919988776655');
    }
  });

  it('refuses changing a number to one another contact has, and allows keeping or reformatting your own', async () => {
    const a = await addContact(w, { name: 'Meera Iyer', phone: '+91 90000 11111' });
    const b = await addContact(w, { name: 'Deepa Nair', phone: '+91 90000 22222' });
    const error = await fail(w.core, w.token, 'contacts.update', { id: b.id, phone: '90000 11111' });
    expect(error.code).toBe('CONFLICT');
    expect(error.fields?.[0]).toEqual({
      field: 'phone',
      message: `Already used by “Meera Iyer” (contact #${a.id})`,
    });
    const same = await ok(w.core, w.token, 'contacts.update', {
      id: a.id,
      phone: '090000-11111',
      name: 'Meera I.',
    });
    expect(same).toMatchObject({ phone: '+919000011111', name: 'Meera I.' });
    const moved = await ok(w.core, w.token, 'contacts.update', { id: b.id, phone: '+44 7911 123456' });
    expect(moved).toMatchObject({ phone: '+447911123456', waId: '447911123456' });
  });

  it('refuses a number that is not valid, naming the field', async () => {
    const error = await fail(w.core, w.token, 'contacts.create', { name: 'X', phone: '12345' });
    expect(error.code).toBe('VALIDATION');
    expect(error.fields?.[0]?.field).toBe('phone');
  });

  it('replaces tags and attributes on edit, and clears the email with null', async () => {
    const c = await addContact(w, {
      name: 'Arjun Das',
      phone: '+91 90000 33333',
      email: 'arjun@shop.test',
      tags: ['old'],
      attributes: { city: 'Delhi', tier: 'Silver' },
    });
    w.tc.clock.advanceSeconds(60);
    const edited = await ok(w.core, w.token, 'contacts.update', {
      id: c.id,
      email: null,
      tags: ['new'],
      attributes: { city: 'Mumbai' },
    });
    expect(edited).toMatchObject({ email: null, tags: ['new'], attributes: { city: 'Mumbai' } });
    expect(Date.parse(edited.updatedAt)).toBeGreaterThan(Date.parse(c.updatedAt));
    // The search text follows the edit.
    expect(
      (await ok(w.core, w.token, 'contacts.list', { search: 'mumbai' })).items.map((i) => i.id),
    ).toContain(c.id);
    expect(
      (await ok(w.core, w.token, 'contacts.list', { search: 'delhi' })).items.map((i) => i.id),
    ).not.toContain(c.id);
  });

  it('keeps tags and attribute values exactly as written: quotes, line breaks, emoji, leading zeros', async () => {
    // Tags and attributes are written as one JSON array a statement (contact-writes.ts).
    const tags = ['vip "gold"', 'ñandú 🎉', '[not json]', '42'];
    const attributes = { note: 'line one\nline "two" \\ three', code: '007', empty: ' ' };
    const c = await addContact(w, { name: 'Exact Values', phone: '+91 90000 49876', tags, attributes });
    const stored = await ok(w.core, w.token, 'contacts.get', { id: c.id });
    expect([...stored.tags].sort()).toEqual([...tags].sort());
    expect(stored.attributes).toEqual(attributes);
    expect(typeof stored.attributes.code).toBe('string');
  });

  it('answers NOT_FOUND for a contact that does not exist', async () => {
    expect((await fail(w.core, w.token, 'contacts.get', { id: 999_999 })).code).toBe('NOT_FOUND');
    expect((await fail(w.core, w.token, 'contacts.update', { id: 999_999, name: 'X' })).code).toBe(
      'NOT_FOUND',
    );
  });
});

describe('opt-out and block', () => {
  it('opting out records when and how, and unsubscribes from every list; opting in does not resubscribe', async () => {
    const list = await ok(w.core, w.token, 'lists.create', { name: 'Opt-out test' });
    const c = await addContact(w, { name: 'Opt Out', phone: '+91 90000 44444', listIds: [list.id] });
    w.tc.clock.advanceSeconds(30);
    const out = await ok(w.core, w.token, 'contacts.setOptOut', { id: c.id, optedOut: true });
    expect(out).toMatchObject({
      optedOut: true,
      optOutSource: 'manual',
      optedOutAt: w.tc.clock.now().toISOString(),
    });
    const detail = await ok(w.core, w.token, 'contacts.get', { id: c.id });
    expect(detail.lists).toEqual([
      expect.objectContaining({
        listId: list.id,
        subscribed: false,
        unsubscribedAt: w.tc.clock.now().toISOString(),
      }),
    ]);
    // An opted-out contact cannot be put back on a list until they opt back in.
    expect(await ok(w.core, w.token, 'lists.addContacts', { listId: list.id, contactIds: [c.id] })).toEqual({
      added: 0,
    });
    const back = await ok(w.core, w.token, 'contacts.setOptOut', { id: c.id, optedOut: false });
    expect(back).toMatchObject({ optedOut: false, optedOutAt: null, optOutSource: null });
    expect((await ok(w.core, w.token, 'contacts.get', { id: c.id })).lists[0]?.subscribed).toBe(false);
    expect(await ok(w.core, w.token, 'lists.addContacts', { listId: list.id, contactIds: [c.id] })).toEqual({
      added: 1,
    });
  });

  it('blocks and unblocks in bulk, counting only contacts that changed', async () => {
    const a = await addContact(w, { name: 'Block A', phone: '+91 90000 55551' });
    const b = await addContact(w, { name: 'Block B', phone: '+91 90000 55552' });
    expect(await ok(w.core, w.token, 'contacts.setStatus', { ids: [a.id, b.id], status: 'blocked' })).toEqual(
      {
        affected: 2,
      },
    );
    expect(await ok(w.core, w.token, 'contacts.setStatus', { ids: [a.id, b.id], status: 'blocked' })).toEqual(
      {
        affected: 0,
      },
    );
    const blocked = await ok(w.core, w.token, 'contacts.list', { status: 'blocked' });
    expect(blocked.items.map((c) => c.name)).toEqual(['Block A', 'Block B']);
    await ok(w.core, w.token, 'contacts.setStatus', { ids: [a.id], status: 'active' });
    expect((await ok(w.core, w.token, 'contacts.list', { status: 'blocked' })).total).toBe(1);
  });
});

describe('bulk tag, delete, tag counts and attribute keys', () => {
  it('tags and untags a selection, and the tag counts follow', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++)
      ids.push((await addContact(w, { name: `Bulk ${i}`, phone: `+91 90001 0000${i}` })).id);
    expect(await ok(w.core, w.token, 'contacts.tag', { ids, tag: 'Diwali' })).toEqual({ affected: 3 });
    expect(await ok(w.core, w.token, 'contacts.tag', { ids, tag: 'diwali' })).toEqual({ affected: 0 });
    expect((await ok(w.core, w.token, 'contacts.tags', {})).find((t) => t.tag === 'diwali')).toEqual({
      tag: 'diwali',
      count: 3,
    });
    // A bulk tag is searchable at once.
    expect((await ok(w.core, w.token, 'contacts.list', { search: 'diwali' })).total).toBe(3);
    expect(
      await ok(w.core, w.token, 'contacts.tag', { ids: ids.slice(0, 2), tag: 'diwali', remove: true }),
    ).toEqual({
      affected: 2,
    });
    expect((await ok(w.core, w.token, 'contacts.list', { tag: 'diwali' })).items.map((c) => c.id)).toEqual([
      ids[2],
    ]);
  });

  it('deletes a selection with its memberships; lists and other contacts stay', async () => {
    const list = await ok(w.core, w.token, 'lists.create', { name: 'Delete test' });
    const keep = await addContact(w, { name: 'Stays', phone: '+91 90002 00001', listIds: [list.id] });
    const gone = await addContact(w, {
      name: 'Goes',
      phone: '+91 90002 00002',
      listIds: [list.id],
      tags: ['gone'],
    });
    expect(await ok(w.core, w.token, 'contacts.delete', { ids: [gone.id, 999_999] })).toEqual({ deleted: 1 });
    expect((await fail(w.core, w.token, 'contacts.get', { id: gone.id })).code).toBe('NOT_FOUND');
    expect(await ok(w.core, w.token, 'lists.get', { id: list.id })).toMatchObject({ subscribedCount: 1 });
    expect((await ok(w.core, w.token, 'contacts.get', { id: keep.id })).lists).toHaveLength(1);
    expect((await ok(w.core, w.token, 'contacts.tags', {})).map((t) => t.tag)).not.toContain('gone');
    expect((await ok(w.core, w.token, 'contacts.list', { search: 'goes' })).total).toBe(0);
    // The number is free again.
    await addContact(w, { name: 'Goes Again', phone: '+91 90002 00002' });
  });

  it('lists the attribute keys in use', async () => {
    expect(await ok(w.core, w.token, 'contacts.attributeKeys', {})).toEqual(
      expect.arrayContaining(['city', 'tier']),
    );
  });

  it('publishes contacts.changed (and lists.changed when lists move) and writes the audit log', async () => {
    const from = w.events.length;
    const c = await addContact(w, { name: 'Evented', phone: '+91 90003 00001' });
    await ok(w.core, w.token, 'contacts.delete', { ids: [c.id] });
    const names = w.events.slice(from).map((e) => `${e.name}:${(e.payload as { reason?: string }).reason}`);
    expect(names).toEqual([
      'contacts.changed:contact.created',
      'contacts.changed:contacts.deleted',
      'lists.changed:contacts.deleted',
    ]);
    const audit = await ok(w.core, w.token, 'audit.list', { limit: 2 });
    expect(audit.map((a) => a.action)).toEqual(['contacts.deleted', 'contact.created']);
    expect(audit[0]?.details).toMatchObject({ deleted: 1, sample: [{ id: c.id, name: 'Evented' }] });
  });
});
