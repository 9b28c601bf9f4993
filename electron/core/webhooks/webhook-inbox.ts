import { createHash } from 'node:crypto';
import type { CoreContext } from '../core-context';
import { executePrepared } from '../db/prepared-writes';
import { sqlDate } from '../db/sql';

const STORE = `INSERT INTO webhook_inbox (received_at, body_hash, body, state, attempts)
  VALUES (?, ?, ?, 'pending', 0) ON CONFLICT (body_hash) DO NOTHING`;

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
          const receivedAt = sqlDate(this.ctx.clock.now());
          const duplicate: boolean[] = [];
          // One compiled statement for every delivery (prepared-writes.ts): the unique hash
          // turns a redelivery, or a copy within this batch, into a row that is not written.
          for (const waiting of batch) {
            const stored = await executePrepared(m, STORE, [
              receivedAt,
              waiting.hash,
              waiting.body.toString('utf8'),
            ]);
            duplicate.push(stored === 0);
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
