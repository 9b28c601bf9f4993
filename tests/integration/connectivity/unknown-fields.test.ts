import { afterEach, describe, expect, it } from 'vitest';
import { WebhookInboxEntity } from '../../../electron/core/db/entities/messaging';
import { parseWebhook } from '../../../electron/core/whatsapp/webhooks';
import { ok } from '../../helpers/dispatch';
import { removeDir, startSandboxApp, type SandboxApp } from './cloud-app';

/**
 * Webhook fields Wapidesk does not apply (the Calling API's `calls`, `smb_message_echoes`,
 * `history`, …) arrive signed through the sandbox: each is acknowledged at once, kept in the
 * webhook inbox as done (never retried as a failure), and counted per field in Settings.
 */
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ASHA = '15551234001';

async function app(): Promise<SandboxApp> {
  const started = await startSandboxApp();
  cleanups.push(
    () => removeDir(started.dataDir),
    () => started.stop(),
  );
  return started;
}

async function quiet(shop: SandboxApp): Promise<void> {
  await shop.sandbox.idle();
  await shop.core.webhooks.idle();
}

describe('webhook fields Wapidesk keeps without applying', () => {
  it('are acknowledged, kept as done, never retried, and counted per field with when last seen', async () => {
    const shop = await app();
    const { callId } = shop.sandbox.customerCalls(ASHA, { event: 'connect' });
    shop.sandbox.customerCalls(ASHA, { event: 'terminate', callId, durationSeconds: 42 });
    shop.sandbox.sendWebhook('smb_message_echoes', {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
      message_echoes: [
        {
          from: '15550783881',
          to: ASHA,
          id: 'wamid.ECHO1',
          timestamp: '1767225600',
          type: 'text',
          text: { body: 'Sent from the WhatsApp Business app' },
        },
      ],
    });
    shop.sandbox.sendWebhook('history', {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
      history: [{ metadata: { phase: 0, chunk_order: 1, progress: 100 }, threads: [] }],
    });
    shop.sandbox.customerSends(ASHA, { type: 'text', text: 'And a message Wapidesk applies' });
    await quiet(shop);

    // Meta (the sandbox) saw each one acknowledged with 200 at the first attempt.
    const deliveries = shop.sandbox.webhookDeliveries();
    expect(deliveries.map((d) => d.label.split(' ')[0]).sort()).toEqual(
      ['calls', 'calls', 'history', 'message:text', 'smb_message_echoes'].sort(),
    );
    for (const delivery of deliveries) expect(delivery.attempts.map((a) => a.status)).toEqual([200]);

    // Kept as they came, done at the first pass, no error and nothing to retry.
    const inbox = await shop.core.ctx.db.getRepository(WebhookInboxEntity).find();
    expect(inbox).toHaveLength(5);
    for (const row of inbox) expect(row).toMatchObject({ state: 'done', attempts: 1, lastError: null });
    const call = inbox
      .map((row) => JSON.parse(row.body) as Record<string, never>)
      .find((b) => JSON.stringify(b).includes('"event":"terminate"'));
    expect(parseWebhook(call)).toEqual([
      expect.objectContaining({
        kind: 'unknown',
        field: 'calls',
        value: expect.objectContaining({ calls: [expect.objectContaining({ id: callId, duration: 42 })] }),
      }),
    ]);
    expect(await shop.core.webhooks.counts()).toEqual({ pending: 0, failed: 0 });

    const { webhooks } = await ok(shop.core, await shop.ownerToken(), 'connectivity.status', {});
    const byField = Object.fromEntries(webhooks.fields.map((f) => [f.field, f]));
    expect(byField).toMatchObject({
      calls: { received: 2, keptOnly: 2 },
      smb_message_echoes: { received: 1, keptOnly: 1 },
      history: { received: 1, keptOnly: 1 },
      messages: { received: 1, keptOnly: 0 },
    });
    expect(webhooks.lastReceivedAt).toBe(
      webhooks.fields
        .map((f) => f.lastSeenAt)
        .sort()
        .at(-1),
    );
    const lastInbox = inbox
      .map((r) => r.receivedAt.getTime())
      .sort()
      .at(-1)!;
    expect(Date.parse(webhooks.lastReceivedAt!)).toBe(lastInbox);
  });
});
