import { createHash } from 'node:crypto';
import { In } from 'typeorm';
import type { CoreContext } from '../core-context';
import { WebhookInboxEntity } from '../db/entities/messaging';

interface Waiting {
  body: Buffer;
  hash: string;
  resolve: (stored: { duplicate: boolean }) => void;
  reject: (error: unknown) => void;
}

/**
 * Stores verified webhook bodies before they are acknowledged. Deliveries that arrive while a
 * write is under way are stored together in the next transaction (group commit): SQLite waits for
 * the disk once per commit, not once per delivery, which is what lets a busy number's status
 * webhooks be answered in milliseconds. A byte-identical redelivery (Meta retries) is recognised by
 * its hash and not stored twice; events repeated across different deliveries are made harmless
 * when applied.
 */
export class WebhookInbox {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(private readonly ctx: CoreContext) {}

  store(body: Buffer): Promise<{ duplicate: boolean }> {
    const hash = createHash('sha256').update(body).digest('hex');
    return new Promise((resolve, reject) => {
      this.waiting.push({ body, hash, resolve, reject });
      if (!this.writing) void this.writeWaiting();
    });
  }

  private async writeWaiting(): Promise<void> {
    this.writing = true;
    while (this.waiting.length) {
      const batch = this.waiting;
      this.waiting = [];
      try {
        // Meta waits for the acknowledgement: this goes before any other write not yet started.
        const duplicates = await this.ctx.tx.run(async (m) => {
          const repo = m.getRepository(WebhookInboxEntity);
          const hashes = [...new Set(batch.map((w) => w.hash))];
          const known = new Set(
            (await repo.find({ where: { bodyHash: In(hashes) }, select: { id: true, bodyHash: true } })).map(
              (r) => r.bodyHash,
            ),
          );
          const now = this.ctx.clock.now();
          const duplicate: boolean[] = [];
          for (const waiting of batch) {
            duplicate.push(known.has(waiting.hash));
            if (known.has(waiting.hash)) continue;
            known.add(waiting.hash);
            await repo.insert({
              receivedAt: now,
              bodyHash: waiting.hash,
              body: waiting.body.toString('utf8'),
              state: 'pending',
              attempts: 0,
              lastError: null,
              nextAttemptAt: null,
              processedAt: null,
            });
          }
          return duplicate;
        }, 'urgent');
        batch.forEach((waiting, i) => waiting.resolve({ duplicate: duplicates[i]! }));
      } catch (error) {
        // Nothing of the batch was committed: none of it is acknowledged, so Meta sends it again.
        for (const waiting of batch) waiting.reject(error);
      }
    }
    this.writing = false;
  }
}
