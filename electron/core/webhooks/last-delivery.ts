import { WebhookInboxEntity } from '../db/entities/messaging';
import type { ReadManager } from '../db/read-db';

/** When the newest webhook delivery was stored, or null before the first; one row by primary key. */
export async function lastWebhookReceivedAt(manager: ReadManager): Promise<Date | null> {
  const newest = await manager
    .getRepository(WebhookInboxEntity)
    .findOne({ where: {}, order: { id: 'DESC' }, select: { id: true, receivedAt: true } });
  return newest?.receivedAt ?? null;
}
