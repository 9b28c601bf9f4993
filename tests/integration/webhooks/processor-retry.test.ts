import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContactEntity } from '../../../electron/core/db/entities/contact';
import {
  AlertEntity,
  ConversationEntity,
  MessageEntity,
  type WebhookInboxRow,
} from '../../../electron/core/db/entities/messaging';
import { MovableClock } from '../../helpers/clock';
import { makeTempDir, writeSql } from '../../helpers/test-core';
import { rmSync } from 'node:fs';
import {
  at,
  envelope,
  inboundText,
  insertOutbound,
  statuses,
  startWebhookHarness,
  type HarnessOptions,
  type WebhookHarness,
} from './webhook-harness';

/**
 * Invariant 4: a delivery that cannot be applied stays in the inbox and is retried; nothing
 * acknowledged is lost. The failure is real: the database refuses to write messages (a trigger, as
 * a full disk or a locked file would) while the processor and the listener run as in the app.
 * The core's clock is moved by hand, so "later" is exact; the processor polls every 20 ms.
 */
const harnesses: WebhookHarness[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(options: HarnessOptions = {}): Promise<WebhookHarness> {
  const h = await startWebhookHarness({
    ...options,
    processor: { retryBaseMs: 1_000, maxAttempts: 3, pollMs: 20, ...options.processor },
  });
  harnesses.push(h);
  return h;
}

const REFUSAL = 'test: the disk refuses to store messages';

async function refuseMessages(h: WebhookHarness): Promise<void> {
  await writeSql(
    h.core,
    `CREATE TRIGGER refuse_messages BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, '${REFUSAL}'); END`,
  );
}

async function acceptMessages(h: WebhookHarness): Promise<void> {
  await writeSql(h.core, 'DROP TRIGGER refuse_messages');
}

async function onlyRow(h: WebhookHarness): Promise<WebhookInboxRow> {
  const rows = await h.inbox();
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

async function waitForState(h: WebhookHarness, state: WebhookInboxRow['state'], attempts: number) {
  await vi.waitFor(
    async () => {
      const row = await onlyRow(h);
      expect({ state: row.state, attempts: row.attempts }).toEqual({ state, attempts });
    },
    { timeout: 3_000, interval: 20 },
  );
  // The pass that wrote it may still be publishing its events.
  await h.settle();
}

async function counts(h: WebhookHarness) {
  const db = h.core.ctx.db;
  return {
    contacts: await db.getRepository(ContactEntity).count(),
    conversations: await db.getRepository(ConversationEntity).count(),
    messages: await db.getRepository(MessageEntity).countBy({ waMessageId: 'wamid.retry' }),
  };
}

const customerWrites = () => envelope([inboundText({ wamid: 'wamid.retry', from: '16505551234' })]);

describe('a delivery that fails to apply', () => {
  it('is acknowledged, kept with its error, retried later, and applied exactly once', async () => {
    const h = await start();
    await refuseMessages(h);
    expect((await h.post(customerWrites())).status).toBe(200);
    await h.settle();

    const failed = await onlyRow(h);
    expect(failed).toMatchObject({ state: 'pending', attempts: 1 });
    expect(failed.lastError).toContain(REFUSAL);
    expect(failed.nextAttemptAt!.getTime()).toBe(h.clock.now().getTime() + 1_000);
    // All or nothing: the contact written before the refusal was rolled back with it.
    expect(await counts(h)).toEqual({ contacts: 0, conversations: 0, messages: 0 });
    expect(h.events.map((e) => e.name)).toEqual(['webhooks.failed']);
    expect(h.events[0]!.payload).toMatchObject({ inboxId: failed.id, attempts: 1, gaveUp: false });
    expect(await h.core.webhooks.counts()).toEqual({ pending: 1, failed: 0 });

    // Not before it is due, however often the processor looks.
    h.core.webhooks.wake();
    await h.settle();
    expect((await onlyRow(h)).attempts).toBe(1);

    await acceptMessages(h);
    h.clock.advance(1_000);
    await waitForState(h, 'done', 2);
    expect((await onlyRow(h)).lastError).toBeNull();
    expect(await counts(h)).toEqual({ contacts: 1, conversations: 1, messages: 1 });
    const [conversation] = await h.core.ctx.db.getRepository(ConversationEntity).find();
    expect(conversation?.unreadCount).toBe(1);
    expect(h.events.filter((e) => e.name === 'conversations.changed')).toHaveLength(1);
    expect(await h.core.webhooks.counts()).toEqual({ pending: 0, failed: 0 });
  });

  it('backs off, is marked failed with an alert after maxAttempts, and applies once fixed and retried', async () => {
    const h = await start();
    await refuseMessages(h);
    expect((await h.post(customerWrites())).status).toBe(200);
    await h.settle();
    await waitForState(h, 'pending', 1);
    // Second try after retryBaseMs, third after twice that.
    h.clock.advance(1_000);
    await waitForState(h, 'pending', 2);
    const second = await onlyRow(h);
    expect(second.nextAttemptAt!.getTime()).toBe(h.clock.now().getTime() + 2_000);
    h.clock.advance(1_999);
    h.core.webhooks.wake();
    await h.settle();
    expect((await onlyRow(h)).attempts).toBe(2);
    h.clock.advance(1);
    await waitForState(h, 'failed', 3);

    const alerts = await h.core.ctx.db.getRepository(AlertEntity).findBy({ kind: 'webhook' });
    expect(alerts).toHaveLength(1);
    expect(JSON.parse(alerts[0]!.details)).toMatchObject({ inboxId: second.id });
    expect(alerts[0]!.details).toContain(REFUSAL);
    const failures = h.events.filter((e) => e.name === 'webhooks.failed').map((e) => e.payload);
    expect(failures).toMatchObject([{ gaveUp: false }, { gaveUp: false }, { attempts: 3, gaveUp: true }]);
    expect(await h.core.webhooks.counts()).toEqual({ pending: 0, failed: 1 });

    // Given up: time passing alone does not bring it back.
    h.clock.advance(24 * 60 * 60 * 1000);
    h.core.webhooks.wake();
    await h.settle();
    expect((await onlyRow(h)).state).toBe('failed');

    // The owner fixes the cause and presses Retry.
    await acceptMessages(h);
    expect(await h.core.webhooks.retryFailed()).toBe(1);
    await h.settle();
    await waitForState(h, 'done', 1);
    expect(await counts(h)).toEqual({ contacts: 1, conversations: 1, messages: 1 });
    expect(await h.core.webhooks.counts()).toEqual({ pending: 0, failed: 0 });
  });

  it('does not hold up the deliveries that arrive after it', async () => {
    const h = await start();
    const outbound = await insertOutbound(h.core, { wamid: 'wamid.behind' });
    await refuseMessages(h);
    expect((await h.post(customerWrites())).status).toBe(200);
    expect(
      (await h.post(envelope([statuses({ wamid: 'wamid.behind', status: 'delivered', timestamp: at(1) })])))
        .status,
    ).toBe(200);
    await h.settle();
    expect((await h.core.services.messages.get(outbound)).status).toBe('delivered');
    expect((await h.inbox()).map((r) => r.state)).toEqual(['pending', 'done']);

    await acceptMessages(h);
    h.clock.advance(1_000);
    await vi.waitFor(async () => expect((await counts(h)).messages).toBe(1), {
      timeout: 3_000,
      interval: 20,
    });
  });

  it('survives a restart: what was stored but not applied is applied at the next start', async () => {
    const dataDir = makeTempDir('wapidesk-webhooks-restart-');
    dirs.push(dataDir);
    const clock = new MovableClock();
    const first = await start({ dataDir, databaseFile: 'wapidesk.sqlite', clock });
    await refuseMessages(first);
    expect((await first.post(customerWrites())).status).toBe(200);
    await first.settle();
    expect(await first.core.webhooks.counts()).toEqual({ pending: 1, failed: 0 });
    await acceptMessages(first);
    await first.stop();

    clock.advance(60_000);
    const second = await start({ dataDir, databaseFile: 'wapidesk.sqlite', clock });
    await vi.waitFor(async () => expect((await counts(second)).messages).toBe(1), {
      timeout: 3_000,
      interval: 20,
    });
    expect(await second.core.webhooks.counts()).toEqual({ pending: 0, failed: 0 });
    expect(await counts(second)).toEqual({ contacts: 1, conversations: 1, messages: 1 });
  });
});

describe('a batch in which every delivery fails', () => {
  it('is tried once per pass, not again and again until its attempts run out', async () => {
    // Retries are due at once (retryBaseMs 0), so only the loop itself could make it spin.
    const h = await startWebhookHarness({
      processor: { retryBaseMs: 0, maxAttempts: 5, batchSize: 1, pollMs: 60_000 },
    });
    try {
      await refuseMessages(h);
      expect((await h.post(customerWrites())).status).toBe(200);
      await h.settle();
      expect(await onlyRow(h)).toMatchObject({ state: 'pending', attempts: 1 });
    } finally {
      await h.close();
    }
  });
});
