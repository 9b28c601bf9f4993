import { createHash } from 'node:crypto';
import type { CoreContext } from '../core-context';
import { WebhookInboxEntity } from '../db/entities/messaging';

/**
 * Stores a verified webhook body before it is acknowledged. A byte-identical redelivery (Meta
 * retries) is recognised by its hash and not stored again; events repeated across different
 * deliveries are made harmless when applied.
 */
export async function storeWebhook(
  ctx: CoreContext,
  rawBody: Buffer,
): Promise<{ id: number; duplicate: boolean }> {
  const bodyHash = createHash('sha256').update(rawBody).digest('hex');
  return ctx.tx.run(async (m) => {
    const repo = m.getRepository(WebhookInboxEntity);
    const existing = await repo.findOne({ where: { bodyHash }, select: { id: true } });
    if (existing) return { id: existing.id, duplicate: true };
    const result = await repo.insert({
      receivedAt: ctx.clock.now(),
      bodyHash,
      body: rawBody.toString('utf8'),
      state: 'pending',
      attempts: 0,
      lastError: null,
      nextAttemptAt: null,
      processedAt: null,
    });
    return { id: result.identifiers[0]!.id as number, duplicate: false };
  });
}
