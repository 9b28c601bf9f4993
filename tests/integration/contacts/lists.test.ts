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

describe('lists', () => {
  it('creates, renames, describes, tags and deletes a list; names are unique without regard to case', async () => {
    const list = await ok(w.core, w.token, 'lists.create', {
      name: 'Diwali 2030',
      tags: ['Festive', 'festive'],
    });
    expect(list).toMatchObject({
      name: 'Diwali 2030',
      description: '',
      tags: ['festive'],
      linkedCampaignId: null,
      subscribedCount: 0,
      unsubscribedCount: 0,
    });
    const clash = await fail(w.core, w.token, 'lists.create', { name: 'DIWALI 2030' });
    expect(clash).toMatchObject({ code: 'CONFLICT', fields: [{ field: 'name', message: 'Already taken' }] });
    const renamed = await ok(w.core, w.token, 'lists.update', {
      id: list.id,
      name: 'Diwali buyers',
      description: 'Bought during Diwali',
      tags: ['retarget'],
    });
    expect(renamed).toMatchObject({
      name: 'Diwali buyers',
      description: 'Bought during Diwali',
      tags: ['retarget'],
    });
    // Changing only the case of your own name is not a clash.
    await ok(w.core, w.token, 'lists.update', { id: list.id, name: 'DIWALI buyers' });
    expect((await ok(w.core, w.token, 'lists.list', {})).map((l) => l.name)).toContain('DIWALI buyers');
    expect(await ok(w.core, w.token, 'lists.delete', { id: list.id })).toEqual({ ok: true });
    expect((await fail(w.core, w.token, 'lists.get', { id: list.id })).code).toBe('NOT_FOUND');
  });

  it('keeps the contacts when a list is deleted', async () => {
    const list = await ok(w.core, w.token, 'lists.create', { name: 'Short-lived' });
    const c = await addContact(w, { name: 'Survivor', phone: '+91 91111 00001', listIds: [list.id] });
    await ok(w.core, w.token, 'lists.delete', { id: list.id });
    expect(await ok(w.core, w.token, 'contacts.get', { id: c.id })).toMatchObject({
      name: 'Survivor',
      lists: [],
    });
  });

  it('lets the campaign runner link a retarget list to a campaign', async () => {
    const list = await w.core.services.lists.create(
      null,
      { name: 'Retarget #7', description: '', tags: ['retarget'] },
      7,
    );
    expect(list).toMatchObject({ linkedCampaignId: 7, tags: ['retarget'] });
  });
});

describe('membership', () => {
  it('subscribes, unsubscribes with the date, remembers who was there, and resubscribes on a new add', async () => {
    const list = await ok(w.core, w.token, 'lists.create', { name: 'Newsletter' });
    const a = await addContact(w, { name: 'Member A', phone: '+91 91111 10001' });
    const b = await addContact(w, { name: 'Member B', phone: '+91 91111 10002' });
    const joinedAt = w.tc.clock.now().toISOString();
    expect(
      await ok(w.core, w.token, 'lists.addContacts', { listId: list.id, contactIds: [a.id, b.id, a.id] }),
    ).toEqual({
      added: 2,
    });
    expect(await ok(w.core, w.token, 'lists.addContacts', { listId: list.id, contactIds: [a.id] })).toEqual({
      added: 0,
    });

    w.tc.clock.advanceSeconds(3600);
    const leftAt = w.tc.clock.now().toISOString();
    expect(
      await ok(w.core, w.token, 'lists.setSubscription', {
        listId: list.id,
        contactIds: [a.id],
        subscribed: false,
      }),
    ).toEqual({ affected: 1 });
    expect(await ok(w.core, w.token, 'lists.get', { id: list.id })).toMatchObject({
      subscribedCount: 1,
      unsubscribedCount: 1,
    });
    const members = await ok(w.core, w.token, 'lists.members', { listId: list.id });
    expect(
      members.items.map((m) => [m.contact.name, m.subscribed, m.subscribedAt, m.unsubscribedAt]),
    ).toEqual([
      ['Member A', false, joinedAt, leftAt],
      ['Member B', true, joinedAt, null],
    ]);
    expect(
      (await ok(w.core, w.token, 'lists.members', { listId: list.id, subscribed: false })).items,
    ).toHaveLength(1);

    w.tc.clock.advanceSeconds(3600);
    expect(await ok(w.core, w.token, 'lists.addContacts', { listId: list.id, contactIds: [a.id] })).toEqual({
      added: 1,
    });
    const back = (await ok(w.core, w.token, 'contacts.get', { id: a.id })).lists[0];
    expect(back).toMatchObject({ listName: 'Newsletter', subscribed: true, unsubscribedAt: null });
    expect(back?.subscribedAt).toBe(w.tc.clock.now().toISOString());
  });

  it('resubscribes only members, and never an opted-out contact', async () => {
    const list = await ok(w.core, w.token, 'lists.create', { name: 'Resubscribe' });
    const member = await addContact(w, { name: 'R Member', phone: '+91 91111 20001', listIds: [list.id] });
    const outsider = await addContact(w, { name: 'R Outsider', phone: '+91 91111 20002' });
    const ids = [member.id, outsider.id];
    await ok(w.core, w.token, 'lists.setSubscription', {
      listId: list.id,
      contactIds: ids,
      subscribed: false,
    });
    expect(
      await ok(w.core, w.token, 'lists.setSubscription', {
        listId: list.id,
        contactIds: ids,
        subscribed: true,
      }),
    ).toEqual({ affected: 1 });
    expect((await ok(w.core, w.token, 'lists.get', { id: list.id })).subscribedCount).toBe(1);
    await ok(w.core, w.token, 'contacts.setOptOut', { id: member.id, optedOut: true });
    expect(
      await ok(w.core, w.token, 'lists.setSubscription', {
        listId: list.id,
        contactIds: ids,
        subscribed: true,
      }),
    ).toEqual({ affected: 0 });
  });

  it('removes contacts from a list altogether', async () => {
    const list = await ok(w.core, w.token, 'lists.create', { name: 'Removal' });
    const c = await addContact(w, { name: 'Removed', phone: '+91 91111 30001', listIds: [list.id] });
    expect(
      await ok(w.core, w.token, 'lists.removeContacts', { listId: list.id, contactIds: [c.id] }),
    ).toEqual({
      removed: 1,
    });
    expect(await ok(w.core, w.token, 'lists.get', { id: list.id })).toMatchObject({
      subscribedCount: 0,
      unsubscribedCount: 0,
    });
  });

  it('pages and searches a list’s members', async () => {
    const list = await ok(w.core, w.token, 'lists.create', { name: 'Paged' });
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) {
      ids.push(
        (
          await addContact(w, {
            name: `Paged ${String(i).padStart(2, '0')}`,
            phone: `+91 91111 400${10 + i}`,
          })
        ).id,
      );
    }
    await ok(w.core, w.token, 'lists.addContacts', { listId: list.id, contactIds: ids });
    const page2 = await ok(w.core, w.token, 'lists.members', { listId: list.id, page: 2, pageSize: 5 });
    expect(page2.total).toBe(12);
    expect(page2.items.map((m) => m.contact.name)).toEqual([
      'Paged 05',
      'Paged 06',
      'Paged 07',
      'Paged 08',
      'Paged 09',
    ]);
    const found = await ok(w.core, w.token, 'lists.members', { listId: list.id, search: '4001' });
    expect(found.items.map((m) => m.contact.name)).toEqual([
      'Paged 00',
      'Paged 01',
      'Paged 02',
      'Paged 03',
      'Paged 04',
      'Paged 05',
      'Paged 06',
      'Paged 07',
      'Paged 08',
      'Paged 09',
    ]);
    const one = await ok(w.core, w.token, 'lists.members', { listId: list.id, search: '+91 91111 40021' });
    expect(one.items.map((m) => m.contact.name)).toEqual(['Paged 11']);
  });

  it('refuses unknown lists', async () => {
    expect((await fail(w.core, w.token, 'lists.addContacts', { listId: 999, contactIds: [1] })).code).toBe(
      'NOT_FOUND',
    );
    const error = await fail(w.core, w.token, 'contacts.create', {
      name: 'X',
      phone: '+91 91111 50001',
      listIds: [999],
    });
    expect(error).toMatchObject({
      code: 'VALIDATION',
      fields: [{ field: 'listIds', message: 'Unknown list' }],
    });
    // Nothing was created by the refused call.
    expect((await ok(w.core, w.token, 'contacts.list', { search: '9111150001' })).total).toBe(0);
  });
});
