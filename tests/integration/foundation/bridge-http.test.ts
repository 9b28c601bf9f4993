import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '@shared/errors';
import { startBridgeServer } from '../../../electron/core/server/bridge-server';
import type { Listening } from '../../../electron/core/server/listen';
import { startPublicServer } from '../../../electron/core/server/public-server';
import { ok } from '../../helpers/dispatch';
import { EventStream, request, rpc, type HttpResponse } from '../../helpers/http';
import { addMember, signIn, signInOwner, tokenOf, type TestMember } from '../../helpers/people';
import { makeTestCore, OWNER, writeSql, type TestCore } from '../../helpers/test-core';

let tc: TestCore;
let bridge: Listening;
let publicServer: Listening;
let ownerToken: string;
let bare: TestMember;
const streams: EventStream[] = [];
const responseErrors: Error[] = [];

beforeAll(async () => {
  tc = await makeTestCore();
  bridge = await startBridgeServer(tc.core, { port: 0, rendererDir: null });
  // An 'error' on a response would crash a real process; here it is collected and asserted on.
  bridge.server.on('request', (_req, res: ServerResponse) => {
    res.on('error', (error) => responseErrors.push(error));
  });
  publicServer = await startPublicServer(tc.core, { host: '127.0.0.1', port: 0 });
  ownerToken = await signInOwner(tc);
  bare = await addMember(tc.core, ownerToken, { prefix: 'bridge' });
});
afterAll(async () => {
  for (const stream of streams) stream.close();
  await Promise.all([bridge?.close(), publicServer?.close()]);
  await tc?.close();
});

function envelope(response: HttpResponse): { ok: boolean; error?: { code: string; message: string } } {
  expect(response.headers['content-type']).toMatch(/application\/json/);
  return response.json as { ok: boolean; error?: { code: string; message: string } };
}

function expectNoInternals(response: HttpResponse): void {
  expect(response.text).not.toMatch(/SyntaxError|node_modules|\bat .+:\d+:\d+|SQLITE|\/home\//);
}

describe('the bridge listener', () => {
  it('listens on loopback only', () => {
    expect((bridge.server.address() as AddressInfo).address).toBe('127.0.0.1');
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}`);
  });

  it.each([
    ['a foreign name', (port: number) => `evil.example:${port}`],
    ['a rebound name without port', () => 'attacker.test'],
    ['loopback on another port', (port: number) => `127.0.0.1:${port + 1}`],
  ])('answers 421 to a request with the Host of %s', async (_what, host) => {
    const rpcCall = await request({
      port: bridge.port,
      method: 'POST',
      path: '/bridge/rpc/system.info',
      body: {},
      host: host(bridge.port),
    });
    expect(rpcCall.status).toBe(421);
    expect(rpcCall.text).not.toContain('Wapidesk');
    const events = await request({ port: bridge.port, path: '/bridge/events', host: host(bridge.port) });
    expect(events.status).toBe(421);
  });

  it('accepts its own address as 127.0.0.1 or localhost', async () => {
    for (const host of [`127.0.0.1:${bridge.port}`, `localhost:${bridge.port}`]) {
      const response = await request({
        port: bridge.port,
        method: 'POST',
        path: '/bridge/rpc/system.info',
        body: {},
        host,
      });
      expect(response.status, host).toBe(200);
      expect(response.json).toMatchObject({
        ok: true,
        result: { appName: 'Wapidesk', organizationName: 'Test Shop' },
      });
    }
  });

  it('sends the security headers', async () => {
    const response = await rpc(bridge.port, 'system.info', {});
    expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });
});

describe('POST /bridge/rpc/:op', () => {
  it.each([
    ['no Authorization header', {}],
    ['a token that was never issued', { authorization: 'Bearer ws_not-a-real-token' }],
    ['a Basic credential', { authorization: `Basic ${Buffer.from('owner:pw').toString('base64')}` }],
  ])('answers 401 with a typed envelope to %s', async (_what, headers) => {
    const response = await request({
      port: bridge.port,
      method: 'POST',
      path: '/bridge/rpc/auth.session',
      body: {},
      headers,
    });
    expect(response.status).toBe(401);
    expect(envelope(response)).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: expect.any(String) },
    });
  });

  it('signs in, then answers calls that carry the token', async () => {
    const login = await rpc(bridge.port, 'auth.login', { login: OWNER.username, password: OWNER.password });
    expect(login.status).toBe(200);
    const token = (login.json as { result: { token: string } }).result.token;
    expect(token).toMatch(/^ws_/);
    const session = await rpc(bridge.port, 'auth.session', {}, token);
    expect(session.status).toBe(200);
    expect(session.json).toMatchObject({
      ok: true,
      result: { user: { username: OWNER.username, kind: 'super_admin' } },
    });
    const logout = await rpc(bridge.port, 'auth.logout', {}, token);
    expect(logout.json).toEqual({ ok: true, result: { ok: true } });
    expect((await rpc(bridge.port, 'auth.session', {}, token)).status).toBe(401);
  });

  it('takes the auth scheme in any case, as HTTP says (RFC 7235)', async () => {
    const login = await rpc(bridge.port, 'auth.login', { login: OWNER.username, password: OWNER.password });
    const token = (login.json as { result: { token: string } }).result.token;
    const response = await request({
      port: bridge.port,
      method: 'POST',
      path: '/bridge/rpc/auth.session',
      body: {},
      headers: { authorization: `bearer ${token}` },
    });
    expect(response.status).toBe(200);
  });

  it('answers malformed JSON with a typed 400, not a stack trace', async () => {
    const response = await request({
      port: bridge.port,
      method: 'POST',
      path: '/bridge/rpc/auth.login',
      body: '{"login": "owner", "password": ',
    });
    expect(response.status).toBe(400);
    expect(envelope(response)).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: expect.any(String) },
    });
    expectNoInternals(response);
  });

  it('answers an oversized body with a typed 413', async () => {
    const response = await request({
      port: bridge.port,
      method: 'POST',
      path: '/bridge/rpc/auth.login',
      body: JSON.stringify({ login: 'x', password: 'y'.repeat(3 * 1024 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(envelope(response).ok).toBe(false);
    expectNoInternals(response);
  });

  it('takes a photo of several megabytes dropped into a conversation (not only small bodies)', async () => {
    const photo = Buffer.alloc(3 * 1024 * 1024, 1).toString('base64');
    const response = await rpc(
      bridge.port,
      'conversations.send',
      {
        conversationId: 987_654,
        media: { file: { fileName: 'big.png', mimeType: 'image/png', contentBase64: photo } },
      },
      ownerToken,
    );
    // Read and validated, then refused for what it is about (no such conversation), not for its size.
    expect(response.status).toBe(404);
    expect(envelope(response).error?.code).toBe('NOT_FOUND');
  });

  it('answers an unknown bridge route with a typed 404', async () => {
    const response = await request({ port: bridge.port, method: 'GET', path: '/bridge/nothing-here' });
    expect(response.status).toBe(404);
    expect(envelope(response).error?.code).toBe('NOT_FOUND');
  });

  /** One request per error code, and the status each must give. */
  const cases: Record<ErrorCode, { status: number; call: () => Promise<HttpResponse> }> = {
    VALIDATION: { status: 400, call: () => rpc(bridge.port, 'auth.login', { login: '' }) },
    UNAUTHENTICATED: { status: 401, call: () => rpc(bridge.port, 'members.list', {}) },
    FORBIDDEN: { status: 403, call: () => rpc(bridge.port, 'members.list', {}, tokenOf(bare)) },
    NOT_FOUND: { status: 404, call: () => rpc(bridge.port, 'contacts.teleport', {}, ownerToken) },
    CONFLICT: {
      status: 409,
      call: async () => {
        const me = await ok(tc.core, ownerToken, 'auth.session', {});
        return rpc(
          bridge.port,
          'members.setWithdrawnPermissions',
          { id: me.user.id, withdrawn: [] },
          ownerToken,
        );
      },
    },
    RATE_LIMITED: {
      status: 429,
      call: async () => {
        const victim = await addMember(tc.core, ownerToken, { prefix: 'ratelimited', signIn: false });
        let last: HttpResponse | undefined;
        for (let i = 0; i < 5; i++) {
          last = await rpc(bridge.port, 'auth.login', { login: victim.username, password: `wrong-${i}` });
        }
        return last!;
      },
    },
    WINDOW_CLOSED: {
      status: 409,
      call: async () => {
        // A customer who last wrote two days ago: a free-form text can no longer go.
        const old = '2020-01-01 10:00:00.000';
        await writeSql(
          tc.core,
          `INSERT INTO contacts (name, name_key, phone, wa_id, status, opted_out, search_doc, created_at, updated_at)
           VALUES ('Old Customer', 'old customer', '+15550001111', '15550001111', 'active', 0, '', ?, ?)`,
          [old, old],
        );
        await writeSql(
          tc.core,
          `INSERT INTO conversations (contact_id, phone_number_id, status, unread_count, last_message_at,
             last_inbound_at, created_at)
           SELECT id, '106540352242922', 'open', 0, ?, ?, ? FROM contacts WHERE phone = '+15550001111'`,
          [old, old, old],
        );
        const [conversation] = await tc.core.ctx.db.query<{ id: number }[]>(
          `SELECT c.id FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.phone = '+15550001111'`,
        );
        return rpc(
          bridge.port,
          'conversations.send',
          { conversationId: conversation!.id, text: 'Hi' },
          ownerToken,
        );
      },
    },
    INTERNAL: {
      status: 500,
      call: async () => {
        // roles.list fails the way a broken disk would.
        const spy = vi
          .spyOn(tc.core.services.roles, 'list')
          .mockRejectedValue(new Error('SQLITE_IOERR: disk I/O error at /home/owner/wapidesk.sqlite'));
        try {
          return await rpc(bridge.port, 'roles.list', {}, ownerToken);
        } finally {
          spy.mockRestore();
        }
      },
    },
  };

  it.each([...ERROR_CODES])('maps %s to its HTTP status with the typed envelope', async (code) => {
    const { status, call } = cases[code];
    const response = await call();
    expect(response.status).toBe(status);
    const body = envelope(response);
    expect(body.ok).toBe(false);
    expect(body.error?.code).toBe(code);
    expect(body.error?.message.length).toBeGreaterThan(0);
    expectNoInternals(response);
    if (code === 'RATE_LIMITED') expect(response.json).toMatchObject({ error: { retryAfterSeconds: 30 } });
    if (code === 'WINDOW_CLOSED') {
      expect(response.json).toMatchObject({ error: { windowClosedAt: '2020-01-02T10:00:00.000Z' } });
    }
  });
});

describe('GET /bridge/events', () => {
  async function open(token: string | null): Promise<EventStream> {
    const stream = await EventStream.open(bridge.port, '/bridge/events', token);
    streams.push(stream);
    return stream;
  }

  it('refuses a stream without a valid bearer token', async () => {
    for (const token of [null, 'ws_forged']) {
      const response = await request({
        port: bridge.port,
        path: '/bridge/events',
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      expect(response.status).toBe(401);
      expect(envelope(response).error?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('delivers people.changed to every window and ends only the stream whose session ended', async () => {
    const member = await addMember(tc.core, ownerToken, { prefix: 'sse' });
    const otherWindow = (await signIn(tc.core, member.username, member.password)).token;
    const a = await open(tokenOf(member));
    const b = await open(otherWindow);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.response.headers['content-type']).toMatch(/text\/event-stream/);

    await ok(tc.core, ownerToken, 'roles.create', { name: 'Announced role', permissions: [] });
    for (const stream of [a, b]) {
      const event = await stream.next('people.changed');
      expect(JSON.parse(event.data)).toEqual({ reason: 'role.created' });
    }

    const seenByB = b.events.length;
    await ok(tc.core, tokenOf(member), 'auth.logout', {});
    const ended = await a.next('session.ended');
    expect(JSON.parse(ended.data)).toEqual({ reason: 'logout' });
    await a.waitForEnd();

    // The other window's stream is still open and still told of changes.
    await ok(tc.core, ownerToken, 'roles.create', { name: 'Second announced role', permissions: [] });
    await b.next('people.changed', seenByB);
    expect(b.ended).toBe(false);
    expect(b.events.slice(seenByB).map((e) => e.event)).not.toContain('session.ended');
  });

  it('ends a disabled member’s stream with the reason', async () => {
    const member = await addMember(tc.core, ownerToken, { prefix: 'ssedisabled' });
    const stream = await open(tokenOf(member));
    const errorsBefore = responseErrors.length;
    await ok(tc.core, ownerToken, 'members.update', { id: member.id, disabled: true });
    const ended = await stream.next('session.ended');
    expect(JSON.parse(ended.data)).toEqual({ reason: 'disabled' });
    await stream.waitForEnd();
    await new Promise((resolve) => setImmediate(resolve));
    // The events published after session.ended must not be written to the ended stream.
    expect(responseErrors.slice(errorsBefore).map((e) => e.message)).toEqual([]);
  });
});

describe('the public listener', () => {
  it('answers GET /health', async () => {
    const response = await request({ port: publicServer.port, path: '/health' });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ status: 'ok', instance: tc.core.instanceId });
    // Once tunnelled this answers the internet: nothing about the shop.
    expect(response.text).not.toContain(tc.config.organization.name);
  });

  it('does not expose the UI bridge', async () => {
    const response = await request({
      port: publicServer.port,
      method: 'POST',
      path: '/bridge/rpc/auth.login',
      body: { login: OWNER.username, password: OWNER.password },
    });
    expect(response.status).toBe(404);
    expect(response.text).not.toContain('ws_');
    expect((await request({ port: publicServer.port, path: '/bridge/events' })).status).toBe(404);
  });
});
