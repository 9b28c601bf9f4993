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

describe('contacts.merge', () => {
  it('keeps the kept contact’s fields, fills gaps, merges attributes and unions tags and lists', async () => {
    const shared = await ok(w.core, w.token, 'lists.create', { name: 'Both' });
    const onlyOther = await ok(w.core, w.token, 'lists.create', { name: 'Other only' });
    const other = await addContact(w, {
      name: 'Asha R.',
      phone: '+91 92222 00002',
      email: 'asha.old@shop.test',
      tags: ['old', 'vip'],
      attributes: { city: 'Delhi', birthday: '12 May' },
      listIds: [shared.id, onlyOther.id],
    });
    const otherJoined = w.tc.clock.now().toISOString();
    w.tc.clock.advanceSeconds(3600);
    const keep = await addContact(w, {
      name: 'Asha Rao',
      phone: '+91 92222 00001',
      tags: ['new'],
      attributes: { city: 'Pune' },
      listIds: [shared.id],
    });
    await ok(w.core, w.token, 'lists.setSubscription', {
      listId: shared.id,
      contactIds: [keep.id],
      subscribed: false,
    });

    const merged = await ok(w.core, w.token, 'contacts.merge', { keepId: keep.id, mergeId: other.id });
    expect(merged).toMatchObject({
      id: keep.id,
      name: 'Asha Rao',
      phone: '+919222200001',
      email: 'asha.old@shop.test',
      tags: ['new', 'old', 'vip'],
      attributes: { city: 'Pune', birthday: '12 May' },
      optedOut: false,
      status: 'active',
    });
    expect((await fail(w.core, w.token, 'contacts.get', { id: other.id })).code).toBe('NOT_FOUND');
    const lists = (await ok(w.core, w.token, 'contacts.get', { id: keep.id })).lists;
    expect(lists.map((l) => [l.listName, l.subscribed, l.subscribedAt, l.unsubscribedAt])).toEqual([
      ['Both', true, otherJoined, null],
      ['Other only', true, otherJoined, null],
    ]);
    expect(await ok(w.core, w.token, 'lists.get', { id: shared.id })).toMatchObject({
      subscribedCount: 1,
      unsubscribedCount: 0,
    });
    // The merged contact's number is free, and search finds the kept contact by the merged tags.
    await addContact(w, { name: 'Reused number', phone: '+91 92222 00002' });
    expect((await ok(w.core, w.token, 'contacts.list', { search: 'birthday 12 may' })).total).toBe(0);
    expect((await ok(w.core, w.token, 'contacts.list', { search: '12 may' })).items.map((c) => c.id)).toEqual(
      [keep.id],
    );
    const audit = (await ok(w.core, w.token, 'audit.list', { limit: 5 })).find(
      (a) => a.action === 'contacts.merged',
    );
    expect(audit?.details).toMatchObject({
      mergedId: other.id,
      merged: { name: 'Asha R.', phone: '+919222200002' },
    });
  });

  it('keeps an opt-out and a block from either side, and then leaves no list subscribed', async () => {
    const list = await ok(w.core, w.token, 'lists.create', { name: 'Promo' });
    const keep = await addContact(w, { name: 'Keeper', phone: '+91 92222 10001', listIds: [list.id] });
    const other = await addContact(w, { name: 'Opted', phone: '+91 92222 10002' });
    w.tc.clock.advanceSeconds(60);
    const optedAt = w.tc.clock.now().toISOString();
    await ok(w.core, w.token, 'contacts.setOptOut', { id: other.id, optedOut: true });
    await ok(w.core, w.token, 'contacts.setStatus', { ids: [other.id], status: 'blocked' });
    w.tc.clock.advanceSeconds(60);
    const merged = await ok(w.core, w.token, 'contacts.merge', { keepId: keep.id, mergeId: other.id });
    expect(merged).toMatchObject({
      optedOut: true,
      optedOutAt: optedAt,
      optOutSource: 'manual',
      status: 'blocked',
    });
    expect((await ok(w.core, w.token, 'contacts.get', { id: keep.id })).lists).toEqual([
      expect.objectContaining({
        listName: 'Promo',
        subscribed: false,
        unsubscribedAt: w.tc.clock.now().toISOString(),
      }),
    ]);
  });

  it('refuses merging a contact into itself or with one that does not exist, changing nothing', async () => {
    const c = await addContact(w, { name: 'Alone', phone: '+91 92222 20001' });
    const same = await fail(w.core, w.token, 'contacts.merge', { keepId: c.id, mergeId: c.id });
    expect(same).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'mergeId' }] });
    const missing = await fail(w.core, w.token, 'contacts.merge', { keepId: c.id, mergeId: 999_999 });
    expect(missing).toMatchObject({
      code: 'NOT_FOUND',
      fields: [{ field: 'mergeId', message: 'No such contact' }],
    });
    expect(await ok(w.core, w.token, 'contacts.get', { id: c.id })).toMatchObject({ name: 'Alone' });
  });

  it('runs the hooks other domains register, inside the merge', async () => {
    const seen: [number, number][] = [];
    w.core.services.contacts.onMerge(async (_m, keepId, mergeId) => {
      seen.push([keepId, mergeId]);
    });
    const a = await addContact(w, { name: 'Hook A', phone: '+91 92222 30001' });
    const b = await addContact(w, { name: 'Hook B', phone: '+91 92222 30002' });
    await ok(w.core, w.token, 'contacts.merge', { keepId: a.id, mergeId: b.id });
    expect(seen).toEqual([[a.id, b.id]]);
  });
});
