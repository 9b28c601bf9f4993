import type { EntityManager } from 'typeorm';
import type { MessageStatusEventDto } from '@shared/types/messages';
import { executePrepared } from '../db/prepared-writes';
import { chunks, execute, marks, select, sqlDate } from '../db/sql';
import { MessageStatusEventEntity, type MessageStatusEventRow } from '../db/entities/messaging';
import type { ReadManager } from '../db/read-db';

export type StatusEventInput = Pick<
  MessageStatusEventRow,
  'messageId' | 'status' | 'at' | 'errorCode' | 'errorTitle' | 'errorDetails'
> &
  Partial<
    Pick<MessageStatusEventRow, 'pricingBillable' | 'pricingModel' | 'pricingCategory' | 'pricingType'>
  >;

const EVENT_COLUMNS = `message_id, status, at, error_code, error_title, error_details, pricing_billable,
  pricing_model, pricing_category, pricing_type, recorded_at`;

function eventValues(event: StatusEventInput, recordedAt: Date): unknown[] {
  return [
    event.messageId,
    event.status,
    sqlDate(event.at),
    event.errorCode,
    event.errorTitle,
    event.errorDetails,
    event.pricingBillable === undefined || event.pricingBillable === null
      ? null
      : event.pricingBillable
        ? 1
        : 0,
    event.pricingModel ?? null,
    event.pricingCategory ?? null,
    event.pricingType ?? null,
    sqlDate(recordedAt),
  ];
}

/**
 * Adds one reported status to a message's history. A status the message already has in it (Meta
 * sent it again in another delivery) adds nothing, and then this returns false: the first report
 * stands, as it does for the message's own timestamps.
 * The pricing WhatsApp gave with it is kept as it came (pricing/record-pricing.ts counts it).
 */
export async function recordStatusEvent(
  m: EntityManager,
  event: StatusEventInput,
  recordedAt: Date,
): Promise<boolean> {
  // Prepared once (db/prepared-writes.ts): every status webhook runs it.
  const added = await executePrepared(
    m,
    `INSERT OR IGNORE INTO message_status_events (${EVENT_COLUMNS}) VALUES (${marks(11)})`,
    eventValues(event, recordedAt),
  );
  return added > 0;
}

/** What WhatsApp reported about a message, oldest first. */
export async function statusHistoryOf(m: ReadManager, messageId: number): Promise<MessageStatusEventDto[]> {
  const rows = await m
    .getRepository(MessageStatusEventEntity)
    .find({ where: { messageId }, order: { at: 'ASC', id: 'ASC' } });
  return rows.map((row) => ({
    status: row.status,
    at: row.at.toISOString(),
    pricing: row.pricingCategory
      ? { category: row.pricingCategory, type: row.pricingType, billable: row.pricingBillable }
      : null,
    error:
      row.errorCode !== null || row.errorTitle !== null
        ? { code: row.errorCode, title: row.errorTitle, details: row.errorDetails }
        : null,
  }));
}

/** Which of these messages' statuses are in their history already, as `${messageId} ${status}`. */
export async function statusesRecorded(
  m: EntityManager,
  messageIds: readonly number[],
): Promise<Set<string>> {
  const recorded = new Set<string>();
  for (const part of chunks([...new Set(messageIds)])) {
    const rows = await select<{ message_id: number; status: string }>(
      m,
      `SELECT message_id, status FROM message_status_events WHERE message_id IN (${marks(part.length)})`,
      part,
    );
    for (const row of rows) recorded.add(`${row.message_id} ${row.status}`);
  }
  return recorded;
}

/** Statuses a message did not have yet, added to the histories in one statement per 50. */
export async function recordStatusEvents(
  m: EntityManager,
  events: readonly StatusEventInput[],
  recordedAt: Date,
): Promise<void> {
  for (let i = 0; i < events.length; i += 50) {
    const part = events.slice(i, i + 50);
    await execute(
      m,
      `INSERT OR IGNORE INTO message_status_events (${EVENT_COLUMNS})
       VALUES ${part.map(() => `(${marks(11)})`).join(', ')}`,
      part.flatMap((event) => eventValues(event, recordedAt)),
    );
  }
}
