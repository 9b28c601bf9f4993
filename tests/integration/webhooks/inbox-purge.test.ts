import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { sqlDate } from '../../../electron/core/db/sql';
import { MovableClock } from '../../helpers/clock';
import { makeTempDir, writeSql } from '../../helpers/test-core';
import { at, envelope, statuses, startWebhookHarness, type WebhookHarness } from './webhook-harness';

/**
 * Applied webhook deliveries are deleted after the retention period (30 days by default), so the
 * inbox does not grow with every status Meta ever sent; a failed delivery stays until retried.
 * The core's clock is moved by hand, so "31 days later" is exact.
 */
const DAY = 24 * 60 * 60 * 1000;
const harnesses: WebhookHarness[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function deliverStatus(h: WebhookHarness, wamid: string): Promise<void> {
  const response = await h.post(envelope([statuses({ wamid, status: 'delivered', timestamp: at(1) })]));
  expect(response.status).toBe(200);
  await h.settle();
}

/** A delivery the processor gave up on, as it leaves one: kept for the owner's retry. */
async function failedDelivery(h: WebhookHarness): Promise<void> {
  await writeSql(
    h.core,
    `INSERT INTO webhook_inbox (received_at, body_hash, body, state, attempts, last_error)
     VALUES (?, 'failed-one', '{}', 'failed', 8, 'the disk was full')`,
    [sqlDate(h.clock.now())],
  );
}

const states = async (h: WebhookHarness) => (await h.inbox()).map((r) => r.state);

describe('the webhook inbox', () => {
  it('keeps applied deliveries for 30 days, then deletes them; failed ones stay', async () => {
    const clock = new MovableClock();
    const h = await startWebhookHarness({ clock });
    harnesses.push(h);
    await deliverStatus(h, 'wamid.a');
    await deliverStatus(h, 'wamid.b');
    await failedDelivery(h);
    expect(await states(h)).toEqual(['done', 'done', 'failed']);

    clock.advance(30 * DAY - 60_000);
    expect(await h.core.webhooks.purge.purge()).toBe(0);
    expect(await states(h)).toEqual(['done', 'done', 'failed']);

    clock.advance(2 * 60_000);
    expect(await h.core.webhooks.purge.purge()).toBe(2);
    expect(await states(h)).toEqual(['failed']);
    // A delivery applied just now is kept.
    await deliverStatus(h, 'wamid.c');
    expect(await h.core.webhooks.purge.purge()).toBe(0);
    expect(await states(h)).toEqual(['failed', 'done']);
  });

  it('purges at start, in batches, whatever the number of old deliveries', async () => {
    const dataDir = makeTempDir('wapidesk-purge-');
    dirs.push(dataDir);
    const clock = new MovableClock();
    const first = await startWebhookHarness({ clock, dataDir });
    // 1,234 deliveries applied today (more than one batch), and one failed.
    const done = sqlDate(clock.now());
    await writeSql(
      first.core,
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1234)
       INSERT INTO webhook_inbox (received_at, body_hash, body, state, attempts, processed_at)
       SELECT ?, 'hash-' || i, '{}', 'done', 1, ? FROM n`,
      [done, done],
    );
    await failedDelivery(first);
    await first.stop();

    clock.advance(31 * DAY);
    const again = await startWebhookHarness({ clock, dataDir });
    harnesses.push(again);
    // Nobody asks: starting is enough.
    const until = Date.now() + 10_000;
    while ((await again.inbox()).length > 1 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await states(again)).toEqual(['failed']);
  });
});
