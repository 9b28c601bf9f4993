import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { operations } from '@shared/operations';
import { ALL_PERMISSIONS, type Permission } from '@shared/permissions';
import type { Actor } from '../../../electron/core/auth/actor';
import { UserEntity } from '../../../electron/core/db/entities/user';
import { API_ROUTES } from '../../../electron/core/server/api/routes';
import { addMember } from '../../helpers/people';
import { startInboxApp, type InboxApp } from './inbox-app';

/**
 * The inbox through the token API, as a shop's own system calls it: the same permissions, keyset
 * paging, queued replies, WINDOW_CLOSED with the time the window closed, quick and auto replies.
 */
let app: InboxApp;
let owner: Actor;
beforeAll(async () => {
  app = await startInboxApp();
  const user = await app.core.ctx.db.getRepository(UserEntity).findOneByOrFail({ kind: 'super_admin' });
  owner = { user, sessionId: null, permissions: new Set(ALL_PERMISSIONS) };
});
afterAll(() => app?.close());

async function token(permissions: Permission[]): Promise<string> {
  return (await app.core.services.tokens.create(owner, `t-${Math.random()}`, permissions)).token;
}

interface Answer {
  status: number;
  body: {
    data?: unknown;
    paging?: { next: string | number | null; param: string };
    error?: { code: string; message: string; windowClosedAt?: string | null };
  };
}

/** Calls a route; a successful answer must match the operation's output schema (what OpenAPI documents). */
async function call(method: string, path: string, bearer: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${app.side.publicServer.url}/api/v1${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${bearer}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = { status: response.status, body: (await response.json()) as Answer['body'] };
  if (response.ok) {
    const bare = path.split('?')[0]!;
    const route = API_ROUTES.find(
      (r) =>
        r.method === method.toLowerCase() && new RegExp(`^${r.path.replace(/:\w+/g, '[^/]+')}$`).test(bare),
    )!;
    const output = operations[route.operation].output as z.ZodType | undefined;
    expect(output, route.operation).toBeDefined();
    const cursor = route.cursor ? { [route.cursor.field]: answer.body.paging?.next ?? null } : {};
    const result = route.cursor ? { items: answer.body.data, ...cursor } : answer.body.data;
    const parsed = output!.safeParse(result);
    expect(parsed.success ? [] : parsed.error.issues, `${method} ${path}`).toEqual([]);
  }
  return answer;
}

describe('/api/v1/conversations', () => {
  it('lists a view newest first, pages with the cursor it returns, and reads one with its messages', async () => {
    for (const waId of ['15551230001', '15551230002', '15551230003']) {
      await app.customerWrites(waId, { type: 'text', text: `Hello from ${waId}` });
    }
    const reader = await token(['conversations.read_all']);
    const first = await call('GET', '/conversations?view=unassigned&limit=2', reader);
    expect(first.status).toBe(200);
    const ids = (first.body.data as { id: number }[]).map((c) => c.id);
    expect(ids).toHaveLength(2);
    expect(first.body.paging).toMatchObject({ param: 'cursor', next: expect.any(String) });
    const second = await call(
      'GET',
      `/conversations?view=unassigned&limit=2&cursor=${first.body.paging!.next}`,
      reader,
    );
    const more = (second.body.data as { id: number }[]).map((c) => c.id);
    expect(more.length).toBeGreaterThan(0);
    expect(more.some((id) => ids.includes(id))).toBe(false);

    const one = await call('GET', `/conversations/${ids[0]}`, reader);
    expect(one.body.data).toMatchObject({ id: ids[0], window: { open: true }, status: 'open' });
    const messages = await call('GET', `/conversations/${ids[0]}/messages?limit=10`, reader);
    expect(messages.body.data).toEqual([
      expect.objectContaining({ direction: 'in', content: expect.objectContaining({ kind: 'text' }) }),
    ]);
    expect(messages.body.paging).toEqual({ next: null, param: 'before' });
  });

  it('replies with a text (201, queued), assigns, resolves and reopens', async () => {
    const conversation = await app.conversationOf('15551230001');
    const agent = await token(['conversations.read_all', 'conversations.reply', 'conversations.assign']);
    const sent = await call('POST', `/conversations/${conversation.id}/messages`, agent, {
      text: 'Thanks for writing!',
    });
    expect(sent.status).toBe(201);
    expect(sent.body.data).toMatchObject({ status: 'queued', direction: 'out' });
    await app.settle();

    const me = await app.core.ctx.db.getRepository(UserEntity).findOneByOrFail({ kind: 'super_admin' });
    const assigned = await call('POST', `/conversations/${conversation.id}/assign`, agent, { userId: me.id });
    expect(assigned.body.data).toMatchObject({ assignee: { id: me.id } });
    expect(
      (await call('POST', `/conversations/${conversation.id}/assign`, agent, { userId: null })).body.data,
    ).toMatchObject({
      assignee: null,
    });
    expect((await call('POST', `/conversations/${conversation.id}/resolve`, agent)).body.data).toMatchObject({
      status: 'resolved',
    });
    expect((await call('POST', `/conversations/${conversation.id}/reopen`, agent)).body.data).toMatchObject({
      status: 'open',
    });
  });

  it('refuses a text outside the window with WINDOW_CLOSED and when it closed; a template goes', async () => {
    const wroteAt = Math.floor((Date.now() - 30 * 60 * 60 * 1000) / 1000) * 1000;
    await app.customerWrites('15551230009', {
      type: 'text',
      text: 'Old question',
      at: new Date(wroteAt).toISOString(),
    });
    const conversation = await app.conversationOf('15551230009');
    const agent = await token(['conversations.read_all', 'conversations.reply']);
    const refused = await call('POST', `/conversations/${conversation.id}/messages`, agent, {
      text: 'Late answer',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'WINDOW_CLOSED',
      windowClosedAt: new Date(wroteAt + 24 * 60 * 60 * 1000).toISOString(),
    });
    const template = await call('POST', `/conversations/${conversation.id}/messages`, agent, {
      template: { name: 'hello_world', language: 'en_US' },
    });
    expect(template.status).toBe(201);
    expect(template.body.data).toMatchObject({ content: { kind: 'template', name: 'hello_world' } });
  });

  it('sends a file of the library by id', async () => {
    const conversation = await app.conversationOf('15551230002');
    const png =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const file = await app.core.services.media.storeFile({
      phoneNumberId: conversation.phoneNumberId,
      fileName: 'menu.png',
      mimeType: 'image/png',
      data: Buffer.from(png, 'base64'),
    });
    const agent = await token(['conversations.read_all', 'conversations.reply']);
    const sent = await call('POST', `/conversations/${conversation.id}/messages`, agent, {
      media: { mediaId: file.id, caption: 'Our menu' },
    });
    expect(sent.status).toBe(201);
    await app.settle();
    expect(app.sandbox.messages({ to: '15551230002' }).pop()).toMatchObject({
      type: 'image',
      payload: { image: { caption: 'Our menu' } },
    });
  });

  it('keeps the same permissions: a token that reads only assigned conversations does not see others’', async () => {
    const conversation = await app.conversationOf('15551230003');
    await app.core.services.conversations.assign(owner, conversation.id, owner.user.id);
    const made = await addMember(app.core, app.ownerToken, { admin: true, prefix: 'apiagent' });
    const admin = await app.core.ctx.db.getRepository(UserEntity).findOneByOrFail({ id: made.id });
    const other: Actor = { user: admin, sessionId: null, permissions: new Set(ALL_PERMISSIONS) };
    const narrow = (await app.core.services.tokens.create(other, 'narrow', ['conversations.read_assigned']))
      .token;
    expect((await call('GET', `/conversations/${conversation.id}`, narrow)).status).toBe(404);
    const listed = (await call('GET', '/conversations?view=all&limit=100', narrow)).body.data as {
      id: number;
    }[];
    expect(listed.map((c) => c.id)).not.toContain(conversation.id);
  });
});

describe('/api/v1/quick-replies and /auto-replies', () => {
  it('create, list, change and delete', async () => {
    const writer = await token(['replies.read', 'replies.write']);
    const created = await call('POST', '/quick-replies', writer, {
      shortcut: '/hours',
      text: 'We open 9–6, {{first_name}}.',
    });
    expect(created.status).toBe(201);
    const id = (created.body.data as { id: number; shortcut: string }).id;
    expect(created.body.data).toMatchObject({ shortcut: 'hours' });
    expect((await call('POST', '/quick-replies', writer, { shortcut: 'hours', text: 'again' })).status).toBe(
      400,
    );
    expect(
      (await call('PATCH', `/quick-replies/${id}`, writer, { text: 'We open 10–6.' })).body.data,
    ).toMatchObject({ text: 'We open 10–6.' });
    expect((await call('GET', '/quick-replies?search=hou', writer)).body.data).toEqual([
      expect.objectContaining({ id }),
    ]);
    expect((await call('DELETE', `/quick-replies/${id}`, writer)).body.data).toEqual({ ok: true });

    const rule = await call('POST', '/auto-replies', writer, {
      name: 'Address',
      match: 'contains',
      keywords: ['address', 'where are you'],
      answer: { kind: 'text', text: '1 Demo Street' },
    });
    expect(rule.status).toBe(201);
    const ruleId = (rule.body.data as { id: number }).id;
    expect(
      (await call('PATCH', `/auto-replies/${ruleId}`, writer, { enabled: false })).body.data,
    ).toMatchObject({ enabled: false });
    expect((await call('GET', '/auto-replies', writer)).body.data).toEqual([
      expect.objectContaining({ id: ruleId }),
    ]);
    expect((await call('DELETE', `/auto-replies/${ruleId}`, writer)).status).toBe(200);
    const reader = await token(['replies.read']);
    expect(
      (
        await call('POST', '/auto-replies', reader, {
          name: 'x',
          keywords: ['x'],
          answer: { kind: 'text', text: 'x' },
        })
      ).status,
    ).toBe(403);
  });

  it('are described in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${app.side.publicServer.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { description?: string }>>;
      components: {
        schemas: { Error: { properties: { error: { properties: { code: { enum: string[] } } } } } };
      };
    };
    for (const path of [
      '/conversations',
      '/conversations/{id}',
      '/conversations/{id}/messages',
      '/conversations/{id}/assign',
      '/conversations/{id}/resolve',
      '/conversations/{id}/reopen',
      '/quick-replies',
      '/quick-replies/{id}',
      '/auto-replies',
      '/auto-replies/{id}',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/conversations']!.get!.description).toContain(
      'conversations.read_all` or `conversations.read_assigned',
    );
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toContain('WINDOW_CLOSED');
  });
});
