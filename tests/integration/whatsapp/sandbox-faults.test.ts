import { afterEach, describe, expect, it } from 'vitest';
import type { StatusEvent } from '../../../electron/core/whatsapp/webhooks';
import type { SandboxOptions } from '../../../electron/core/whatsapp/sandbox';
import { startCallbackServer, type CallbackServer } from './helpers/callback-server';
import {
  apiError,
  CUSTOMERS,
  startSandboxWithClient,
  type SandboxWithClient,
} from './helpers/sandbox-fixture';

describe('sandbox fault injection', () => {
  let env: SandboxWithClient | undefined;
  let callback: CallbackServer | undefined;
  afterEach(async () => {
    await env?.sandbox.close();
    await callback?.close();
    env = callback = undefined;
  });

  async function start(options: SandboxOptions, clientTimeoutMs?: number) {
    callback = await startCallbackServer();
    env = await startSandboxWithClient(
      { callbackUrl: callback.url, limits: false, ...options },
      { timeoutMs: clientTimeoutMs },
    );
    return { env, callback };
  }

  const sendText = (e: SandboxWithClient) =>
    e.client.messages.sendText(e.phoneNumberId, CUSTOMERS.inWindow, 'hi');

  it('answers 500 with code 131000, which the client classes as retry', async () => {
    const { env } = await start({ faults: { serverError: 1 } });
    const error = await apiError(sendText(env));
    expect(error).toMatchObject({ httpStatus: 500, code: 131000, errorClass: 'retry', failure: 'api' });
    expect(env.sandbox.messages()).toHaveLength(0);
  });

  it('strikes at the configured rate', async () => {
    const { env } = await start({ seed: 3, faults: { serverError: 0.3 } });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 100 }, () => env.client.phoneNumbers.list(env.wabaId)),
    );
    const failed = outcomes.filter((o) => o.status === 'rejected').length;
    expect(failed).toBeGreaterThan(15);
    expect(failed).toBeLessThan(45);
  });

  it('hangs a request until the client times out (a retryable timeout)', async () => {
    const { env } = await start({ faults: { hang: 1 } }, 150);
    const started = Date.now();
    const error = await apiError(sendText(env));
    expect(error).toMatchObject({ failure: 'timeout', errorClass: 'retry', httpStatus: null, code: null });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('drops the connection without an answer (a retryable network error)', async () => {
    const { env } = await start({ faults: { drop: 1 } });
    const error = await apiError(sendText(env));
    expect(error).toMatchObject({ failure: 'network', errorClass: 'retry', httpStatus: null });
  });

  it('leaves the control API alone, so a test can always switch faults off', async () => {
    const { env } = await start({ faults: { drop: 1, hang: 0, serverError: 0 } });
    const response = await fetch(`${env.sandbox.url}/_sandbox/config`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faults: { drop: 0 } }),
    });
    expect(response.status).toBe(200);
    expect((await sendText(env)).wamid).toMatch(/^wamid\./);
  });

  it('sends duplicate webhooks: identical signed bytes, twice', async () => {
    const { env, callback } = await start({
      faults: { duplicateWebhook: 1 },
      statuses: { deliveredProbability: 0 },
    });
    const { wamid } = await sendText(env);
    await env.sandbox.idle();
    expect(callback.received).toHaveLength(2);
    expect(callback.received[0]?.rawBody.equals(callback.received[1]?.rawBody ?? Buffer.alloc(0))).toBe(true);
    const sent = callback.events(env.sandbox.info.appSecret);
    expect(sent.map((e) => e.kind === 'status' && e.status.messageId === wamid && e.status.status)).toEqual([
      'sent',
      'sent',
    ]);
    expect(env.sandbox.webhookDeliveries()[1]?.duplicateOf).toBe(env.sandbox.webhookDeliveries()[0]?.id);
  });

  it('sends statuses out of order: read before delivered', async () => {
    const { env, callback } = await start({ faults: { outOfOrderWebhook: 1 } });
    const { wamid } = await sendText(env);
    await env.sandbox.idle();
    const order = callback
      .events(env.sandbox.info.appSecret)
      .filter((e): e is StatusEvent => e.kind === 'status' && e.status.messageId === wamid)
      .map((e) => e.status.status);
    expect(order).toEqual(['sent', 'read', 'delivered']);
    // The sandbox's own record still only moved forward.
    expect(env.sandbox.messages()[0]?.status).toBe('read');
  });
});
