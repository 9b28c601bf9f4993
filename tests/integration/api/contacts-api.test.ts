import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from './api-test-core';

let api: ApiHarness;
let token: string;
beforeAll(async () => {
  api = await startApiHarness();
  token = await api.token([
    'contacts.read',
    'contacts.write',
    'contacts.delete',
    'lists.read',
    'lists.write',
  ]);
});
afterAll(() => api.close());

describe('a sign-up form adding contacts through /api/v1', () => {
  it('creates a contact, then updates the same one when the number comes again', async () => {
    const list = (await api.call('POST', '/api/v1/lists', token, { name: 'Website sign-ups' })).body.data as {
      id: number;
    };
    const first = await api.call('POST', '/api/v1/contacts', token, {
      phone: '98765 43210',
      name: 'Asha Patel',
      attributes: { city: 'Pune' },
      tags: ['web'],
      listIds: [list.id],
    });
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({
      created: true,
      contact: { phone: '+919876543210', name: 'Asha Patel' },
    });

    const again = await api.call('POST', '/api/v1/contacts', token, {
      phone: '+91 98765-43210',
      attributes: { size: 'M' },
      tags: ['newsletter'],
    });
    expect(again.body.data).toMatchObject({
      created: false,
      contact: { name: 'Asha Patel', attributes: { city: 'Pune', size: 'M' } },
    });
    const contact = (again.body.data as { contact: { id: number; tags: string[] } }).contact;
    expect([...contact.tags].sort()).toEqual(['newsletter', 'web']);

    const listed = await api.call('GET', '/api/v1/contacts?search=asha&pageSize=10', token);
    expect(listed.body.paging).toMatchObject({ total: 1, page: 1, pageSize: 10 });
    const detail = await api.call('GET', `/api/v1/contacts/${contact.id}`, token);
    expect(detail.body.data).toMatchObject({ lists: [{ listName: 'Website sign-ups', subscribed: true }] });
  });

  it('refuses a number that cannot be one, naming the field, and adds nothing', async () => {
    const before = (await api.call('GET', '/api/v1/contacts', token)).body.paging!.total;
    const response = await api.call('POST', '/api/v1/contacts', token, { phone: '12', name: 'Nobody' });
    expect(response.status).toBe(400);
    expect(response.body.error?.fields?.[0]?.field).toBe('phone');
    expect((await api.call('GET', '/api/v1/contacts', token)).body.paging!.total).toBe(before);
  });

  it('deletes a contact', async () => {
    const made = await api.call('POST', '/api/v1/contacts', token, { phone: '+919812345670', name: 'Temp' });
    const id = (made.body.data as { contact: { id: number } }).contact.id;
    expect((await api.call('DELETE', `/api/v1/contacts/${id}`, token)).body.data).toEqual({ deleted: 1 });
    expect((await api.call('GET', `/api/v1/contacts/${id}`, token)).status).toBe(404);
  });

  it('reads every contact by following paging.next, and refuses a made-up cursor', async () => {
    for (let i = 0; i < 12; i++)
      await api.call('POST', '/api/v1/contacts', token, {
        phone: `+91 98111 ${20000 + i}`,
        name: `Walker ${i}`,
      });
    const everyone = await api.call('GET', '/api/v1/contacts?search=walker&pageSize=100', token);
    const all = (everyone.body.data as { id: number }[]).map((c) => c.id);
    expect(all).toHaveLength(12);
    expect(everyone.body.paging).toMatchObject({ total: 12, next: null });

    const seen: number[] = [];
    let path = '/api/v1/contacts?search=walker&pageSize=5';
    for (let pages = 1; ; pages++) {
      const answer = await api.call('GET', path, token);
      const paging = answer.body.paging!;
      expect(paging).toMatchObject({ page: pages, total: 12 });
      seen.push(...(answer.body.data as { id: number }[]).map((c) => c.id));
      if (!paging.next) break;
      path = `/api/v1/contacts?search=walker&pageSize=5&after=${encodeURIComponent(paging.next)}`;
    }
    expect(seen).toEqual(all);

    const refused = await api.call('GET', '/api/v1/contacts?after=bogus', token);
    expect(refused.status).toBe(400);
    expect(refused.body.error?.fields?.[0]?.field).toBe('after');
  });
});
