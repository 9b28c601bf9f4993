import { describe, expect, it } from 'vitest';
import { WhatsAppClient } from '../../../electron/core/whatsapp/client';
import { WhatsAppApiError } from '../../../electron/core/whatsapp/errors';
import type { Logger } from '../../../electron/core/util/logger';

const TOKEN = 'EAAtest-secret-token-0123456789';

interface Call {
  url: string;
  init: RequestInit;
}

/** A client over a scripted fetch; every log line is kept. */
function clientWith(
  answer: (call: Call) => Promise<Response> | Response,
  options: { token?: string | null; timeoutMs?: number } = {},
) {
  const calls: Call[] = [];
  const lines: string[] = [];
  const logger: Logger = {
    info: (m) => lines.push(m),
    warn: (m) => lines.push(m),
    error: (m) => lines.push(m),
  };
  const client = new WhatsAppClient({
    baseUrl: 'https://graph.example.test/',
    apiVersion: 'v23.0',
    getAccessToken: async () => (options.token === undefined ? TOKEN : options.token),
    timeoutMs: options.timeoutMs,
    logger,
    fetch: async (input, init = {}) => {
      const call = { url: String(input), init };
      calls.push(call);
      return answer(call);
    },
  });
  return { client, calls, lines };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function failure(promise: Promise<unknown>): Promise<WhatsAppApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WhatsAppApiError);
  return error as WhatsAppApiError;
}

describe('WhatsApp client transport', () => {
  it('sends the token as a Bearer header and never in the URL', async () => {
    const { client, calls } = clientWith(() => json({ messages: [{ id: 'wamid.1' }] }));
    await client.messages.sendText('123', '+15551234001', 'hi');
    expect(calls[0]?.url).toBe('https://graph.example.test/v23.0/123/messages');
    expect(new Headers(calls[0]?.init.headers).get('authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it('keeps the token out of errors and logs even when the server echoes it back', async () => {
    const echo = {
      error: { message: `(#190) Bad token ${TOKEN}`, code: 190, error_data: { details: `token=${TOKEN}` } },
    };
    const { client, lines } = clientWith(() => json(echo, 401));
    const error = await failure(client.templates.list('waba'));
    const everything = JSON.stringify({ ...error.toJSON(), stack: error.stack, lines });
    expect(everything).not.toContain(TOKEN);
    expect(error.title).toContain('[redacted]');
    expect(error).toMatchObject({ code: 190, errorClass: 'pause', httpStatus: 401 });
    expect(lines.length).toBeGreaterThan(0);
  });

  it('fails with a pause-class error and no request when no token is configured', async () => {
    const { client, calls } = clientWith(() => json({}), { token: null });
    const error = await failure(client.phoneNumbers.list('waba'));
    expect(error).toMatchObject({ failure: 'no_token', errorClass: 'pause' });
    expect(calls).toHaveLength(0);
  });

  it('times out a server that never finishes the body, as a retryable timeout', async () => {
    const stalled = ({ init }: Call) =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"data":['));
            init.signal?.addEventListener('abort', () => controller.error(init.signal?.reason));
          },
        }),
        { status: 200 },
      );
    const { client } = clientWith(stalled, { timeoutMs: 50 });
    const error = await failure(client.templates.list('waba'));
    expect(error).toMatchObject({ failure: 'timeout', errorClass: 'retry', code: null, httpStatus: null });
  });

  it('maps a network failure to a retryable error naming the cause', async () => {
    const { client } = clientWith(() => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      });
    });
    const error = await failure(client.media.get('1'));
    expect(error).toMatchObject({ failure: 'network', errorClass: 'retry' });
    expect(error.details).toContain('ECONNREFUSED');
  });

  it('refuses a 200 it cannot read, without retrying (the message may have gone out)', async () => {
    const { client } = clientWith(() => new Response('<html>ok</html>', { status: 200 }));
    const error = await failure(client.messages.sendText('123', '+1555', 'hi'));
    expect(error).toMatchObject({ failure: 'invalid_response', errorClass: 'permanent', httpStatus: 200 });
  });

  it('retries a 5xx without a Graph body', async () => {
    const { client } = clientWith(() => new Response('upstream down', { status: 503 }));
    const error = await failure(client.phoneNumbers.get('1'));
    expect(error).toMatchObject({ failure: 'api', code: null, httpStatus: 503, errorClass: 'retry' });
  });

  it('does not follow a paging link to another host (it would get the token)', async () => {
    const { client, calls } = clientWith(() =>
      json({ data: [], paging: { next: 'https://evil.example.test/v23.0/waba/message_templates?after=x' } }),
    );
    const error = await failure(client.templates.list('waba'));
    expect(error.failure).toBe('invalid_response');
    expect(calls).toHaveLength(1);
  });

  it('does not send the token to a plain-http media URL on another host', async () => {
    const { client, calls } = clientWith(() => new Response('bytes'));
    await failure(client.media.download('http://evil.example.test/file'));
    expect(calls).toHaveLength(0);
  });

  it('reads file_size as a string or a number, and the profile flat or wrapped', async () => {
    const media = {
      id: 7,
      url: 'https://x.test/m',
      mime_type: 'image/png',
      sha256: 'h',
      file_size: '303833',
    };
    const asString = clientWith(() => json(media));
    expect((await asString.client.media.get('7')).fileSize).toBe(303833);
    const asNumber = clientWith(() => json({ ...media, file_size: 12 }));
    expect(await asNumber.client.media.get('7')).toEqual({
      id: '7',
      url: 'https://x.test/m',
      mimeType: 'image/png',
      sha256: 'h',
      fileSize: 12,
    });
    const wrapped = clientWith(() =>
      json({ business_profile: { about: 'Hi', messaging_product: 'whatsapp' } }),
    );
    expect(await wrapped.client.businessProfile.get('1')).toEqual({ about: 'Hi' });
  });
});
