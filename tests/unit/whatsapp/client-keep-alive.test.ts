import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WhatsAppClient } from '../../../electron/core/whatsapp/client';
import { WhatsAppApiError } from '../../../electron/core/whatsapp/errors';

const TOKEN = 'EAAkeepalive-secret-0123456789';

/** The client over real HTTP (no injected fetch): the path every send of a campaign takes. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void, timeoutMs = 300) {
  const connections: unknown[] = [];
  const server: Server = createServer(handler);
  server.on('connection', (socket) => connections.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new WhatsAppClient({
    baseUrl: `http://127.0.0.1:${port}`,
    apiVersion: 'v25.0',
    getAccessToken: async () => TOKEN,
    timeoutMs,
  });
  opened.push({ server, client });
  return { client, connections, port };
}

const opened: { server: Server; client: WhatsAppClient }[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const { server, client } of opened.splice(0)) {
    client.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function failure(promise: Promise<unknown>): Promise<WhatsAppApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WhatsAppApiError);
  return error as WhatsAppApiError;
}

function sent(res: ServerResponse, id: string) {
  res.writeHead(200, { 'content-type': 'application/json', 'facebook-api-version': 'v25.0' });
  res.end(JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id }] }));
}

describe('WhatsApp client over keep-alive HTTP', () => {
  it('sends the JSON body and the bearer token, and reuses one connection for calls made one after another', async () => {
    const seen: { auth?: string; body: string; path?: string }[] = [];
    const { client, connections } = await serve((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ auth: req.headers.authorization, body, path: req.url });
        sent(res, `wamid.${seen.length}`);
      });
    });
    for (let i = 1; i <= 5; i += 1) {
      const answer = await client.messages.sendText('123', '+15551234001', `hello ${i}`);
      expect(answer.wamid).toBe(`wamid.${i}`);
    }
    expect(seen).toHaveLength(5);
    expect(seen[0]).toMatchObject({ auth: `Bearer ${TOKEN}`, path: '/v25.0/123/messages' });
    expect(JSON.parse(seen[4]!.body)).toMatchObject({ to: '+15551234001', text: { body: 'hello 5' } });
    expect(connections).toHaveLength(1);
  });

  it('opens at most 256 connections however many sends are in flight, and keeps them for the next wave', async () => {
    // A campaign at a high rate has up to 500 sends in flight. Unbounded, each wave opened a
    // connection per send and kept only 256 (the agent's default), so every wave opened hundreds
    // again: a TLS handshake each against Meta, 10% of the campaign's CPU in the benchmark.
    let inFlight = 0;
    let most = 0;
    const { client, connections } = await serve((req, res) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      req.resume();
      req.on('end', () =>
        setTimeout(() => {
          inFlight -= 1;
          sent(res, 'wamid.wave');
        }, 5),
      );
    }, 30_000);
    const wave = () =>
      Promise.all(
        Array.from({ length: 600 }, (_, i) => client.messages.sendText('123', '+15551234001', `hi ${i}`)),
      );
    expect(await wave()).toHaveLength(600);
    expect(await wave()).toHaveLength(600);
    expect(most).toBeLessThanOrEqual(256);
    expect(connections.length).toBeLessThanOrEqual(256);
  });

  it('times out a server that stops in the middle of the body, as a retryable timeout', async () => {
    const { client } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"messages":[');
    });
    const error = await failure(client.messages.sendText('123', '+15551234001', 'hi'));
    expect(error).toMatchObject({ failure: 'timeout', errorClass: 'retry', httpStatus: null });
  });

  it('leaves no deadline timer behind once the answers are in, and times out only the request that stalls', async () => {
    const DEADLINE_MS = 2_345;
    const deadlines: ReturnType<typeof setTimeout>[] = [];
    const cleared = new Set<unknown>();
    const realSet = globalThis.setTimeout;
    const realClear = globalThis.clearTimeout;
    // Only the exchange asks for this delay; every other timer passes through untouched.
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((handler: () => void, ms?: number) => {
      const timer = realSet(handler, ms);
      if (ms === DEADLINE_MS) deadlines.push(timer);
      return timer;
    }) as typeof setTimeout);
    vi.spyOn(globalThis, 'clearTimeout').mockImplementation((timer) => {
      cleared.add(timer);
      realClear(timer);
    });
    const { client } = await serve((req, res) => {
      if (req.url?.includes('/999/')) return; // never answers
      sent(res, 'wamid.ok');
    }, DEADLINE_MS);
    const stalled = failure(client.messages.sendText('999', '+15551234001', 'hi'));
    const answered = await Promise.all(
      Array.from({ length: 200 }, () => client.messages.sendText('123', '+15551234001', 'hi')),
    );
    expect(answered).toHaveLength(200);
    expect(deadlines).toHaveLength(201);
    // Every answered request stopped its deadline; only the stalled one is still running.
    expect(deadlines.filter((timer) => !cleared.has(timer))).toHaveLength(1);
    expect(await stalled).toMatchObject({ failure: 'timeout', errorClass: 'retry' });
  });

  it('never reads a body cut short by a closed connection as an answer', async () => {
    const { client } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      res.write('{"messages":[{"id":"wamid.half"');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const error = await failure(client.messages.sendText('123', '+15551234001', 'hi'));
    expect(error).toMatchObject({ failure: 'network', errorClass: 'retry' });
  });

  it('names the cause when nobody listens', async () => {
    const { client, port } = await serve(() => undefined);
    const server = opened[0]!.server;
    await new Promise((resolve) => server.close(resolve));
    const refused = new WhatsAppClient({
      baseUrl: `http://127.0.0.1:${port}`,
      apiVersion: 'v25.0',
      getAccessToken: async () => TOKEN,
    });
    const error = await failure(refused.phoneNumbers.get('1'));
    expect(error).toMatchObject({ failure: 'network', errorClass: 'retry' });
    expect(error.details).toContain('ECONNREFUSED');
    refused.close();
    client.close();
  });

  it('keeps Graph error answers and the version Meta answered with', async () => {
    const { client } = await serve((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json', 'facebook-api-version': 'v26.0' });
      res.end(JSON.stringify({ error: { message: `(#131026) Undeliverable ${TOKEN}`, code: 131026 } }));
    });
    const error = await failure(client.messages.sendText('123', '+15551234001', 'hi'));
    expect(error).toMatchObject({ code: 131026, httpStatus: 400 });
    expect(JSON.stringify(error.toJSON())).not.toContain(TOKEN);
    expect(client.apiVersion.report().answered).toBe('v26.0');
  });
});
