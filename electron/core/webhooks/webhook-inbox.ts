import { createHash } from 'node:crypto';
import type { CoreContext } from '../core-context';
import { writeReturning } from '../db/prepared-writes';
import { sqlDate } from '../db/sql';
import { forEachValuesPiece } from '../db/values-pieces';

/**
 * The deliveries of a batch in one statement (a piece of up to 50): one trip to SQLite's thread
 * instead of one a delivery, each a wait for the main thread too (bench/README.md). The unique hash
 * turns a redelivery, or a second copy within the batch, into a row not written; VALUES rows go in
 * in order, so the first copy is the one kept. Filler rows have no body and are skipped.
 */
const STORE = (values: string) => `INSERT INTO webhook_inbox (received_at, body_hash, body, state, attempts)
  SELECT ?, v.column1, v.column2, 'pending', 0 FROM (VALUES ${values}) AS v WHERE v.column2 IS NOT NULL
  ON CONFLICT (body_hash) DO NOTHING RETURNING body_hash`;

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
          const written = new Set<string>();
          const rows = batch.map((waiting) => [waiting.hash, waiting.body.toString('utf8')]);
          await forEachValuesPiece(rows, async (values, params) => {
            const stored = await writeReturning<{ body_hash: string }>(m, STORE(values), [
              receivedAt,
              ...params,
            ]);
            for (const row of stored) written.add(row.body_hash);
          });
          // The first copy of a hash written here is stored; a later copy, or a hash already there, is not.
          return batch.map((waiting) => !written.delete(waiting.hash));
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
