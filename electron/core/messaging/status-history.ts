import type { EntityManager } from 'typeorm';
import type { MessageStatusEventDto } from '@shared/types/messages';
import { executePrepared } from '../db/prepared-writes';
import { sqlDate } from '../db/sql';
import { MessageStatusEventEntity, type MessageStatusEventRow } from '../db/entities/messaging';
import type { ReadManager } from '../db/read-db';

export type StatusEventInput = Pick<
  MessageStatusEventRow,
  'messageId' | 'status' | 'at' | 'errorCode' | 'errorTitle' | 'errorDetails'
> &
  Partial<
    Pick<MessageStatusEventRow, 'pricingBillable' | 'pricingModel' | 'pricingCategory' | 'pricingType'>
  >;

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
    `INSERT OR IGNORE INTO message_status_events
       (message_id, status, at, error_code, error_title, error_details, pricing_billable, pricing_model,
      pricing_category, pricing_type, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
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
    ],
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
