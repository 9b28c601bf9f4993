import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { operations } from '@shared/operations';
import { ALL_PERMISSIONS } from '@shared/permissions';
import { API_ROUTES, type ApiRoute } from '../../../electron/core/server/api/routes';
import { request } from '../../helpers/http';
import {
  PHONE_NUMBER_ID,
  addContacts,
  addList,
  customers,
  startCampaignApp,
  type CampaignApp,
} from '../campaigns/campaign-app';
import { startApiHarness } from './api-test-core';

/**
 * The token API's OpenAPI document tells the truth: every route's answer has a schema (from the
 * operation's zod output schema), real answers of every route match it, the server address is never
 * taken from a request's Host header, fields the path fills are not asked of the body, and a query
 * parameter given twice is refused.
 */
type Doc = {
  servers: { url: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
};
type JsonSchema = { type?: string; required?: string[]; properties?: Record<string, JsonSchema> };
type OpenApiOperation = {
  operationId: string;
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
  responses: Record<string, { content: { 'application/json': { schema: JsonSchema } } }>;
};

const key = (route: Pick<ApiRoute, 'method' | 'path'>) => `${route.method.toUpperCase()} ${route.path}`;

describe('every operation on /api/v1', () => {
  it('has an output schema', () => {
    const missing = API_ROUTES.filter((route) => !operations[route.operation].output).map((r) => r.operation);
    expect(missing).toEqual([]);
  });
});

describe('real answers of every route', () => {
  let app: CampaignApp;
  let token: string;
  const checked = new Set<string>();

  beforeAll(async () => {
    app = await startCampaignApp();
    token = (
      await app.core.services.tokens.create(
        { ...app.owner, permissions: new Set(ALL_PERMISSIONS) },
        'everything',
        ALL_PERMISSIONS,
      )
    ).token;
  });
  afterAll(() => app?.close());

  /** Calls a route as an integration would; checks the status and the answer against the output schema. */
  async function call(method: ApiRoute['method'], path: string, concrete: string, body?: unknown) {
    const route = API_ROUTES.find((r) => r.method === method && r.path === path);
    if (!route) throw new Error(`no route ${method} ${path}`);
    const response = await fetch(`${app.side.publicServer.url}/api/v1${concrete}`, {
      method: method.toUpperCase(),
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as { data: unknown; paging?: Record<string, unknown> };
    expect(response.status, `${key(route)}: ${JSON.stringify(json)}`).toBe(route.successStatus ?? 200);
    const output = operations[route.operation].output as z.ZodType;
    const result = route.paged
      ? { items: json.data, ...json.paging }
      : route.cursor
        ? {
            items: json.data,
            [route.cursor.field]: (json.paging as { next?: unknown } | undefined)?.next ?? null,
          }
        : json.data;
    const parsed = output.safeParse(result);
    expect(parsed.success ? [] : parsed.error.issues, key(route)).toEqual([]);
    checked.add(key(route));
    return json.data as Record<string, unknown> & { id: number };
  }

  it('match the schemas the document is made from', async () => {
    const upserted = (await call('post', '/contacts', '/contacts', {
      phone: '+919876500001',
      name: 'Asha Patel',
      attributes: { city: 'Pune' },
      tags: ['vip'],
    })) as unknown as { contact: { id: number } };
    const contactId = upserted.contact.id;
    await call('get', '/contacts', '/contacts?search=Asha&page=1&pageSize=10');
    await call('get', '/contacts/:id', `/contacts/${contactId}`);

    const list = await call('post', '/lists', '/lists', { name: 'Website sign-ups', tags: ['web'] });
    await call('post', '/lists/:id/contacts', `/lists/${list.id}/contacts`, { contactIds: [contactId] });
    await call('get', '/lists', '/lists');

    const templates = (await call('get', '/templates', '/templates')) as unknown as unknown[];
    expect(templates.length).toBeGreaterThan(0);

    const sent = await call('post', '/messages', '/messages', {
      to: '+919876500001',
      template: { name: 'hello_world', language: 'en_US' },
    });
    await app.quiet();
    const message = (await call('get', '/messages/:id', `/messages/${sent.id}`)) as unknown as {
      statusHistory: unknown[];
    };
    expect(message.statusHistory.length).toBeGreaterThan(0);

    // A campaign slow enough (1 a second) to be paused and resumed while it runs.
    const audience = await addList(app.core, await addContacts(app.core, customers(3, '9321')));
    const campaign = await call('post', '/campaigns', '/campaigns', {
      name: 'Hello everyone',
      phoneNumberId: PHONE_NUMBER_ID,
      templateId: await app.templateId('hello_world'),
      listIds: [audience],
      messagesPerSecond: 1,
    });
    await call('post', '/campaigns/:id/start', `/campaigns/${campaign.id}/start`);
    await call('post', '/campaigns/:id/pause', `/campaigns/${campaign.id}/pause`);
    await call('post', '/campaigns/:id/resume', `/campaigns/${campaign.id}/resume`);
    await app.settled(campaign.id);
    await app.quiet();
    await call('get', '/campaigns', '/campaigns');
    await call('get', '/campaigns/:id', `/campaigns/${campaign.id}`);
    await call('get', '/campaigns/:id/analytics', `/campaigns/${campaign.id}/analytics`);
    await call('get', '/campaigns/:id/cost', `/campaigns/${campaign.id}/cost`);
    await call('get', '/dashboard', '/dashboard?days=7');

    // The inbox: a customer writes, is read, answered, assigned, resolved and reopened.
    app.sandbox.customerSends('919876500002', { type: 'text', text: 'Is the blue kurta in stock?' });
    await app.quiet();
    const [conversation] = (await call(
      'get',
      '/conversations',
      '/conversations?view=all&limit=5',
    )) as unknown as {
      id: number;
    }[];
    const at = `/conversations/${conversation!.id}`;
    await call('get', '/conversations/:id', at);
    await call('post', '/conversations/:id/messages', `${at}/messages`, { text: 'Yes, in every size.' });
    await call('get', '/conversations/:id/messages', `${at}/messages?limit=10`);
    await call('post', '/conversations/:id/assign', `${at}/assign`, { userId: app.owner.user.id });
    await call('post', '/conversations/:id/resolve', `${at}/resolve`);
    await call('post', '/conversations/:id/reopen', `${at}/reopen`);
    const quick = await call('post', '/quick-replies', '/quick-replies', {
      shortcut: 'stock',
      text: 'In stock.',
    });
    await call('get', '/quick-replies', '/quick-replies');
    await call('patch', '/quick-replies/:id', `/quick-replies/${quick.id}`, { text: 'In stock today.' });
    await call('delete', '/quick-replies/:id', `/quick-replies/${quick.id}`);
    const rule = await call('post', '/auto-replies', '/auto-replies', {
      name: 'Prices',
      keywords: ['price'],
      answer: { kind: 'text', text: 'Our prices: https://shop.example.com/prices' },
    });
    await call('get', '/auto-replies', '/auto-replies');
    await call('patch', '/auto-replies/:id', `/auto-replies/${rule.id}`, { enabled: false });
    await call('delete', '/auto-replies/:id', `/auto-replies/${rule.id}`);
    await app.quiet();

    await call('delete', '/lists/:id/contacts', `/lists/${list.id}/contacts`, { contactIds: [contactId] });
    await call('delete', '/contacts/:id', `/contacts/${contactId}`);

    // The numbers, and a file through a number's media library.
    await call('get', '/phone-numbers', '/phone-numbers');
    const file = await call('post', '/media', '/media', {
      phoneNumberId: PHONE_NUMBER_ID,
      fileName: 'banner.png',
      mimeType: 'image/png',
      contentBase64:
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    });
    await call('get', '/media', `/media?phoneNumberId=${PHONE_NUMBER_ID}`);
    await call('get', '/media/:id', `/media/${file.id}`);
    await call('delete', '/media/:id', `/media/${file.id}`);

    // A route added without a sample here would go unchecked: none may.
    expect(API_ROUTES.map(key).filter((k) => !checked.has(k))).toEqual([]);
  }, 60_000);
});

describe('the document', () => {
  it('never takes its server address from the Host header', async () => {
    const api = await startApiHarness();
    try {
      const response = await request({
        port: api.server.port,
        path: '/api/v1/openapi.json',
        host: 'attacker.example',
      });
      expect(response.status).toBe(200);
      expect((response.json as Doc).servers).toEqual([{ url: '/api/v1' }]);
      expect(response.text).not.toContain('attacker.example');
    } finally {
      await api.close();
    }
    // With a public URL of its own (a fixed tunnel address), that one.
    const fixed = await startApiHarness({
      editConfig: (text) =>
        text
          .replace(/^enabled = false$/m, 'enabled = true')
          .replace(/^provider = "localtunnel"$/m, 'provider = "fixed"')
          .replace(/^host = "https:\/\/localtunnel\.me"$/m, 'host = "https://wapi.myshop.example"'),
    });
    try {
      const response = await request({
        port: fixed.server.port,
        path: '/api/v1/openapi.json',
        host: 'attacker.example',
      });
      expect((response.json as Doc).servers).toEqual([{ url: 'https://wapi.myshop.example/api/v1' }]);
    } finally {
      await fixed.close();
    }
  });

  it('describes each answer from the output schema, and does not ask the body for what the path gives', async () => {
    const api = await startApiHarness();
    try {
      const doc = (await api.call('GET', '/api/v1/openapi.json', null)).body as unknown as Doc;
      const addContacts = doc.paths['/lists/{id}/contacts']!.post!;
      const body = addContacts.requestBody!.content['application/json'].schema;
      expect(body.required).toEqual(['contactIds']);
      expect(Object.keys(body.properties ?? {})).toEqual(['contactIds']);

      const contact = doc.paths['/contacts/{id}']!.get!.responses['200']!.content['application/json'].schema;
      expect(contact.required).toEqual(['data']);
      expect(contact.properties?.data?.required).toEqual(expect.arrayContaining(['id', 'phone', 'lists']));
      const page = doc.paths['/contacts']!.get!.responses['200']!.content['application/json'].schema;
      expect(page.properties?.data?.type).toBe('array');
      expect(page.properties?.paging?.required).toEqual(['page', 'pageSize', 'total']);
      for (const route of API_ROUTES) {
        const answer =
          doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]![route.method]!.responses[
            String(route.successStatus ?? 200)
          ]!.content['application/json'].schema;
        expect(answer.properties?.data, key(route)).toMatchObject({ type: expect.any(String) });
      }
    } finally {
      await api.close();
    }
  });

  it('is followed: a query parameter given twice is refused with 400, naming it', async () => {
    const api = await startApiHarness();
    try {
      const token = await api.token(['contacts.read']);
      const twice = await api.call('GET', '/api/v1/contacts?page=1&page=2', token);
      expect(twice.status).toBe(400);
      expect(twice.body.error).toMatchObject({
        code: 'VALIDATION',
        fields: [{ field: 'page', message: 'Give this query parameter once' }],
      });
      expect((await api.call('GET', '/api/v1/contacts?page=1', token)).status).toBe(200);
    } finally {
      await api.close();
    }
  });
});
