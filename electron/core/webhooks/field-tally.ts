import { WebhookFieldStatEntity } from '../db/entities/connectivity';
import type { ReadManager, WriteManager } from '../db/read-db';
import { executePrepared } from '../db/prepared-writes';
import { sqlDate } from '../db/sql';
import { parseWebhook, type WebhookEvent } from '../whatsapp/webhooks';

interface FieldCount {
  received: number;
  keptOnly: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/** A change of an envelope that is not Meta's (another `object`, no `entry`). */
export const UNREADABLE_FIELD = '(unreadable)';

// Dates are `YYYY-MM-DD HH:MM:SS.SSS` text (sqlDate): min and max compare them in time order.
const ADD_COUNTS = `INSERT INTO webhook_field_stats (field, received, kept_only, first_seen_at, last_seen_at)
  VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (field) DO UPDATE SET
    received = received + excluded.received,
    kept_only = kept_only + excluded.kept_only,
    first_seen_at = min(first_seen_at, excluded.first_seen_at),
    last_seen_at = max(last_seen_at, excluded.last_seen_at)`;

/**
 * Counts the webhook fields of the deliveries applied in one transaction (`messages`, `calls`,
 * `smb_message_echoes`, …), and how many of their changes were only kept: nothing in Wapidesk
 * applies them yet, but they stay in the webhook inbox, acknowledged and never retried. Written in
 * the transaction that applies the deliveries, so a rolled-back delivery is not counted.
 */
export class FieldTally {
  private readonly counts = new Map<string, FieldCount>();

  add(body: unknown, events: WebhookEvent[], receivedAt: Date): void {
    const changes = changesOf(body);
    // Only a delivery with something unknown in it needs each change read alone.
    const anyUnknown = events.some((event) => event.kind === 'unknown');
    for (const change of changes) {
      const keptOnly = anyUnknown && onlyUnknown(body, change);
      const count = this.counts.get(change.field);
      if (count) {
        count.received += 1;
        count.keptOnly += keptOnly ? 1 : 0;
        if (receivedAt < count.firstSeenAt) count.firstSeenAt = receivedAt;
        if (receivedAt > count.lastSeenAt) count.lastSeenAt = receivedAt;
      } else {
        this.counts.set(change.field, {
          received: 1,
          keptOnly: keptOnly ? 1 : 0,
          firstSeenAt: receivedAt,
          lastSeenAt: receivedAt,
        });
      }
    }
  }

  /**
   * Adds the counts to the table: one prepared upsert a field. Under load the processor commits
   * after each delivery, so this runs once a delivery; a read and an update through TypeORM were two
   * statements and most of its main-thread time (issue 15).
   */
  async write(m: WriteManager): Promise<void> {
    for (const [field, count] of this.counts) {
      await executePrepared(m, ADD_COUNTS, [
        field,
        count.received,
        count.keptOnly,
        sqlDate(count.firstSeenAt),
        sqlDate(count.lastSeenAt),
      ]);
    }
  }
}

/** Every field seen, most recently seen first, and when the last webhook arrived. */
export async function readFieldStats(db: ReadManager) {
  const rows = await db.getRepository(WebhookFieldStatEntity).find({ order: { lastSeenAt: 'DESC' } });
  return { rows, lastReceivedAt: rows[0]?.lastSeenAt ?? null };
}

interface RawChange {
  field: string;
  entry: Record<string, unknown>;
  change: unknown;
}

function changesOf(body: unknown): RawChange[] {
  const envelope = body as { object?: unknown; entry?: unknown } | null;
  if (envelope?.object !== 'whatsapp_business_account' || !Array.isArray(envelope.entry)) {
    return [{ field: UNREADABLE_FIELD, entry: {}, change: null }];
  }
  const found: RawChange[] = [];
  for (const entry of envelope.entry as unknown[]) {
    const record = (entry ?? {}) as Record<string, unknown>;
    const changes = Array.isArray(record.changes) ? (record.changes as unknown[]) : [];
    if (changes.length === 0) found.push({ field: UNREADABLE_FIELD, entry: record, change: null });
    for (const change of changes) {
      const field = (change as { field?: unknown } | null)?.field;
      found.push({
        field: typeof field === 'string' && field ? field.slice(0, 64) : UNREADABLE_FIELD,
        entry: record,
        change,
      });
    }
  }
  return found;
}

/** Whether this change alone parses to nothing but `unknown` events: kept, not applied. */
function onlyUnknown(body: unknown, { entry, change }: RawChange): boolean {
  if (change === null) return true;
  const alone = {
    object: (body as { object?: unknown }).object,
    entry: [{ ...entry, changes: [change] }],
  };
  const events = parseWebhook(alone);
  return events.length > 0 && events.every((event) => event.kind === 'unknown');
}
