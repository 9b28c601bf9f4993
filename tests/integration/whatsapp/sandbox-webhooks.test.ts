import { afterEach, describe, expect, it } from 'vitest';
import type { InboundMessage, MessageEvent, StatusEvent } from '../../../electron/core/whatsapp/webhooks';
import { startCallbackServer, waitFor, type CallbackServer } from './helpers/callback-server';
import { CUSTOMERS, startSandboxWithClient, type SandboxWithClient } from './helpers/sandbox-fixture';
import type { SandboxOptions } from '../../../electron/core/whatsapp/sandbox';

describe('sandbox webhooks', () => {
  let env: SandboxWithClient | undefined;
  let callback: CallbackServer | undefined;
  afterEach(async () => {
    await env?.sandbox.close();
    await callback?.close();
    env = callback = undefined;
  });

  async function start(answer?: (n: number) => number | 'hang', options: SandboxOptions = {}) {
    callback = await startCallbackServer(answer);
    env = await startSandboxWithClient({ callbackUrl: callback.url, limits: false, ...options });
    return { env, callback };
  }

  const statusEvents = (cb: CallbackServer, secret: string, wamid: string) =>
    cb.events(secret).filter((e): e is StatusEvent => e.kind === 'status' && e.status.messageId === wamid);
  const messageEvents = (cb: CallbackServer, secret: string) =>
    cb.events(secret).filter((e): e is MessageEvent => e.kind === 'message');

  it('signs every webhook with the app secret over the exact bytes sent', async () => {
    const { env, callback } = await start(undefined, { appSecret: 'shop-app-secret' });
    await env.client.messages.sendText(env.phoneNumberId, CUSTOMERS.inWindow, 'hi');
    await callback.waitFor(() => callback.received.length === 3);
    expect(callback.events('shop-app-secret')).toHaveLength(3);
    expect(callback.events('some-other-secret')).toHaveLength(0);
    expect(callback.received.every((r) => /^sha256=[0-9a-f]{64}$/.test(r.signature ?? ''))).toBe(true);
  });

  it('reports sent, delivered and read, with pricing on sent and Meta’s string timestamps', async () => {
    const { env, callback } = await start();
    const { wamid } = await env.client.messages.sendText(env.phoneNumberId, CUSTOMERS.inWindow, 'hi');
    const secret = env.sandbox.info.appSecret;
    await callback.waitFor(() => statusEvents(callback, secret, wamid).length === 3);
    const statuses = statusEvents(callback, secret, wamid).map((e) => e.status);
    // Webhooks are posted concurrently, 5 ms apart here, and Meta does not promise their order
    // either: a busy machine can deliver `read` before `delivered` (the processor keeps the latest).
    expect(statuses.map((s) => s.status).sort()).toEqual(['delivered', 'read', 'sent']);
    expect(statuses.find((s) => s.status === 'sent')).toMatchObject({
      recipientId: '15551234001',
      pricing: { billable: true, pricingModel: 'PMP', type: 'free_customer_service', category: 'service' },
    });
    const raw = JSON.parse(callback.received[0]?.rawBody.toString() ?? '{}') as {
      entry: { changes: { value: { statuses: { timestamp: unknown }[] } }[] }[];
    };
    expect(typeof raw.entry[0]?.changes[0]?.value.statuses[0]?.timestamp).toBe('string');
  });

  it('sends only some delivered and read statuses at the configured odds', async () => {
    const { env, callback } = await start(undefined, {
      seed: 11,
      statuses: {
        sentDelayMs: 0,
        deliveredDelayMs: 1,
        readDelayMs: 2,
        deliveredProbability: 0.5,
        readProbability: 0,
      },
    });
    for (let i = 0; i < 40; i++)
      await env.client.messages.sendText(env.phoneNumberId, CUSTOMERS.inWindow, `m${i}`);
    await env.sandbox.idle();
    const statuses = env.sandbox.messages().map((m) => m.status);
    const delivered = statuses.filter((s) => s === 'delivered').length;
    expect(statuses.filter((s) => s === 'read')).toHaveLength(0);
    expect(delivered).toBeGreaterThan(8);
    expect(delivered).toBeLessThan(32);
    expect(callback.received).toHaveLength(40 + delivered);
  });

  it('delivers what simulated customers send: text, media, quick-reply buttons and list replies', async () => {
    const { env, callback } = await start();
    const customer = '447700900123';
    env.sandbox.customerSends(customer, { type: 'text', text: 'Do you ship to Leeds?', profileName: 'Olly' });
    const { mediaId } = env.sandbox.customerSends(customer, { type: 'image', caption: 'This one' });
    env.sandbox.customerSends(customer, {
      type: 'button',
      text: 'Stop updates',
      payload: 'STOP_UPDATES',
      contextMessageId: 'wamid.T',
    });
    env.sandbox.customerSends(customer, {
      type: 'interactive',
      reply: { kind: 'list_reply', id: 'fast', title: 'Next day' },
    });
    const secret = env.sandbox.info.appSecret;
    await callback.waitFor(() => messageEvents(callback, secret).length === 4);
    const events = messageEvents(callback, secret).sort((a, b) => a.message.timestamp - b.message.timestamp);
    const byType = (type: InboundMessage['type']) => events.find((e) => e.message.type === type)?.message;
    expect(events[0]?.contact).toEqual({ waId: customer, name: 'Olly', userId: null, username: null });
    expect(byType('text')).toMatchObject({ text: 'Do you ship to Leeds?', from: customer });
    expect(byType('image')).toMatchObject({
      media: { id: mediaId, mimeType: 'image/png', caption: 'This one' },
    });
    expect(byType('button')).toMatchObject({
      button: { payload: 'STOP_UPDATES', text: 'Stop updates' },
      context: { id: 'wamid.T' },
    });
    expect(byType('interactive')).toMatchObject({
      reply: { kind: 'list_reply', id: 'fast', title: 'Next day' },
    });
    const downloaded = await env.client.media.downloadById(mediaId ?? '');
    expect(downloaded.data.subarray(1, 4).toString()).toBe('PNG');
  });

  it('makes customers answer what they read when asked to: a template quick reply comes back as a button', async () => {
    const { env, callback } = await start(undefined, {
      customerReplies: { probability: 1, delayMs: 5, optOutProbability: 0 },
    });
    const { wamid } = await env.client.messages.sendTemplate(env.phoneNumberId, CUSTOMERS.neverWrote, {
      name: 'order_update',
      language: { code: 'en_US' },
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'Mei' },
            { type: 'text', text: '#9' },
          ],
        },
        { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'A9' }] },
      ],
    });
    const secret = env.sandbox.info.appSecret;
    await callback.waitFor(() => messageEvents(callback, secret).length === 1);
    expect(messageEvents(callback, secret)[0]?.message).toMatchObject({
      type: 'button',
      button: { text: 'Stop updates', payload: 'Stop updates' },
      context: { id: wamid },
    });
    // The reply opened the window: free-form text to that customer now goes through.
    const { wamid: followUp } = await env.client.messages.sendText(
      env.phoneNumberId,
      CUSTOMERS.neverWrote,
      'Noted',
    );
    await env.sandbox.idle();
    expect(env.sandbox.messages().find((m) => m.id === followUp)?.status).not.toBe('failed');
  });

  it('retries at once, then with growing delays, until the callback answers 200', async () => {
    const { env, callback } = await start((n) => (n < 3 ? 500 : 200), {
      statuses: { deliveredProbability: 0 },
      webhookRetry: { maxAttempts: 5, initialDelayMs: 100, backoffFactor: 2 },
    });
    await env.client.messages.sendText(env.phoneNumberId, CUSTOMERS.inWindow, 'hi');
    await callback.waitFor(() => callback.received.length === 4);
    const times = callback.received.map((r) => r.receivedAt);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? t));
    // At once, then 100 ms, then 200 ms (timers never fire early; a loaded machine only adds).
    expect(gaps[0]).toBeLessThan(80);
    expect(gaps[1]).toBeGreaterThanOrEqual(95);
    expect(gaps[2]).toBeGreaterThanOrEqual(195);
    await env.sandbox.idle();
    expect(env.sandbox.webhookDeliveries()).toEqual([
      expect.objectContaining({
        state: 'delivered',
        attempts: [500, 500, 500, 200].map((status) => expect.objectContaining({ status })),
      }),
    ]);
    expect(new Set(callback.received.map((r) => r.rawBody.toString())).size).toBe(1);
  });

  it('gives up after the configured number of attempts (bounded)', async () => {
    const { env, callback } = await start(() => 503, {
      statuses: { deliveredProbability: 0 },
      webhookRetry: { maxAttempts: 3, initialDelayMs: 5, backoffFactor: 2 },
    });
    await env.client.messages.sendText(env.phoneNumberId, CUSTOMERS.inWindow, 'hi');
    await env.sandbox.idle();
    expect(callback.received).toHaveLength(3);
    expect(env.sandbox.webhookDeliveries()[0]).toMatchObject({ state: 'failed' });
  });

  it('counts a callback that does not answer in time as a failure, and retries it', async () => {
    const { env, callback } = await start((n) => (n === 0 ? 'hang' : 200), {
      statuses: { deliveredProbability: 0 },
      webhookRetry: { maxAttempts: 3, initialDelayMs: 5, timeoutMs: 100 },
    });
    await env.client.messages.sendText(env.phoneNumberId, CUSTOMERS.inWindow, 'hi');
    await env.sandbox.idle();
    const [delivery] = env.sandbox.webhookDeliveries();
    expect(delivery).toMatchObject({ state: 'delivered' });
    expect(delivery?.attempts.map((a) => a.status)).toEqual([null, 200]);
    expect(delivery?.attempts[0]?.error).toBeTruthy();
    expect(callback.received.map((r) => r.status)).toEqual([null, 200]);
  });

  it('records an unreachable callback as failed attempts', async () => {
    const { env } = await start(undefined, {
      statuses: { deliveredProbability: 0 },
      webhookRetry: { maxAttempts: 2, initialDelayMs: 5 },
      // Nothing listens on port 9 of loopback, so each attempt fails at once.
      callbackUrl: 'http://127.0.0.1:9/webhook',
    });
    await env.client.messages.sendText(env.phoneNumberId, CUSTOMERS.inWindow, 'hi');
    await env.sandbox.idle();
    const [delivery] = env.sandbox.webhookDeliveries();
    expect(delivery).toMatchObject({ state: 'failed' });
    expect(delivery?.attempts.map((a) => [a.status, typeof a.error])).toEqual([
      [null, 'string'],
      [null, 'string'],
    ]);
  });

  it('keeps webhooks in the log when no callback is set', async () => {
    const started = await startSandboxWithClient({ callbackUrl: null });
    env = started;
    await started.client.messages.sendText(started.phoneNumberId, CUSTOMERS.inWindow, 'hi');
    await started.sandbox.idle();
    expect(started.sandbox.webhookDeliveries().map((d) => d.state)).toEqual([
      'no_callback',
      'no_callback',
      'no_callback',
    ]);
    await waitFor(() => started.sandbox.messages()[0]?.status === 'read');
  });
});
