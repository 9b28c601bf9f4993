import type { EntityManager } from 'typeorm';
import type { MessageRow } from '../db/entities/messaging';
import { executePrepared, selectPrepared } from '../db/prepared-writes';
import { chunks, fromSqlDateOrNull, marks, select, sqlDate } from '../db/sql';
import { forEachValuesPiece } from '../db/values-pieces';

/**
 * The reads and the write of a status webhook on `messages`, which this folder owns (issue 9); what
 * a status changes is decided in webhooks/apply-status.ts. All statements prepared once per
 * connection: webhook status application is a hot path.
 */

/** What applying a status reads of its message. */
export type StatusTarget = Pick<
  MessageRow,
  | 'id'
  | 'waMessageId'
  | 'direction'
  | 'status'
  | 'contactId'
  | 'conversationId'
  | 'campaignId'
  | 'isTest'
  | 'recipientWaId'
  | 'sentAt'
  | 'deliveredAt'
  | 'readAt'
  | 'pricingCategory'
  | 'pricingType'
  | 'pricingBillable'
>;

interface RawTarget {
  id: number;
  wa_message_id: string | null;
  direction: MessageRow['direction'];
  status: MessageRow['status'];
  contact_id: number | null;
  conversation_id: number | null;
  campaign_id: number | null;
  is_test: number;
  recipient_wa_id: string;
  sent_at: string | null;
  delivered_at: string | null;
  read_at: string | null;
  pricing_category: string | null;
  pricing_type: string | null;
  pricing_billable: number | null;
}

const TARGET = `SELECT id, wa_message_id, direction, status, contact_id, conversation_id, campaign_id, is_test,
  recipient_wa_id, sent_at, delivered_at, read_at, pricing_category, pricing_type, pricing_billable FROM messages`;
const BY_WAMID = `${TARGET} WHERE wa_message_id = ?`;
const BY_CLIENT_REF = `${TARGET} WHERE client_ref = ?`;

/**
 * The message a status is about: by its wamid, else by the biz_opaque_callback_data we sent with it
 * (a status can arrive before the send call returned the wamid). Prepared statements, not TypeORM:
 * its query building was most of the main thread's work per status (bench/README.md).
 */
export async function messageForStatus(
  m: EntityManager,
  waMessageId: string,
  clientRef: string | null,
): Promise<StatusTarget | null> {
  const [found] = await selectPrepared<RawTarget>(m, BY_WAMID, [waMessageId]);
  if (found) return toTarget(found);
  if (!clientRef) return null;
  const [byRef] = await selectPrepared<RawTarget>(m, BY_CLIENT_REF, [clientRef]);
  return byRef ? toTarget(byRef) : null;
}

function toTarget(raw: RawTarget): StatusTarget {
  return {
    id: raw.id,
    waMessageId: raw.wa_message_id,
    direction: raw.direction,
    status: raw.status,
    contactId: raw.contact_id,
    conversationId: raw.conversation_id,
    campaignId: raw.campaign_id,
    isTest: raw.is_test === 1,
    recipientWaId: raw.recipient_wa_id,
    sentAt: fromSqlDateOrNull(raw.sent_at),
    deliveredAt: fromSqlDateOrNull(raw.delivered_at),
    readAt: fromSqlDateOrNull(raw.read_at),
    pricingCategory: raw.pricing_category,
    pricingType: raw.pricing_type,
    pricingBillable: raw.pricing_billable === null ? null : raw.pricing_billable === 1,
  };
}

/** The columns a status may change, by their entity names: a closed list, so the SQL text is ours. */
const COLUMNS = {
  waMessageId: 'wa_message_id',
  status: 'status',
  sentAt: 'sent_at',
  deliveredAt: 'delivered_at',
  readAt: 'read_at',
  unconfirmedAt: 'unconfirmed_at',
  failedAt: 'failed_at',
  errorCode: 'error_code',
  errorTitle: 'error_title',
  errorDetails: 'error_details',
  pricingCategory: 'pricing_category',
  pricingType: 'pricing_type',
  pricingBillable: 'pricing_billable',
} as const satisfies Partial<Record<keyof MessageRow, string>>;
export type StatusChange = Partial<Pick<MessageRow, keyof typeof COLUMNS>>;

/**
 * One UPDATE of the changed columns, prepared once per combination (a dozen at most): an UPDATE of
 * `messages` compiles every trigger it fires, which costs more than running it (db/prepared-writes.ts).
 */
export async function writeStatusChanges(m: EntityManager, id: number, changes: StatusChange): Promise<void> {
  const keys = (Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]).filter((key) => key in changes);
  const values = keys.map((key) => {
    const value = changes[key];
    return value instanceof Date ? sqlDate(value) : (value ?? null);
  });
  await executePrepared(
    m,
    `UPDATE messages SET ${keys.map((key) => `${COLUMNS[key]} = ?`).join(', ')} WHERE id = ?`,
    [...values, id],
  );
}

/** The messages a batch of statuses is about, by wamid (the first of a wamid, as messageForStatus). */
export async function messagesByWamid(
  m: EntityManager,
  waMessageIds: readonly string[],
): Promise<Map<string, StatusTarget>> {
  const found = new Map<string, StatusTarget>();
  for (const part of chunks([...new Set(waMessageIds)])) {
    const rows = await select<RawTarget>(
      m,
      `${TARGET} WHERE wa_message_id IN (${marks(part.length)}) ORDER BY id`,
      part,
    );
    for (const row of rows) if (!found.has(row.wa_message_id!)) found.set(row.wa_message_id!, toTarget(row));
  }
  return found;
}

/** The messages of statuses whose wamid is not known yet, by the reference we sent with them. */
export async function messagesByClientRef(
  m: EntityManager,
  clientRefs: readonly string[],
): Promise<Map<string, StatusTarget>> {
  const found = new Map<string, StatusTarget>();
  for (const part of chunks([...new Set(clientRefs)])) {
    const rows = await select<RawTarget & { client_ref: string }>(
      m,
      `SELECT client_ref, ${TARGET.slice('SELECT '.length)} WHERE client_ref IN (${marks(part.length)}) ORDER BY id`,
      part,
    );
    for (const row of rows) if (!found.has(row.client_ref)) found.set(row.client_ref, toTarget(row));
  }
  return found;
}

/**
 * The changes of many messages, one UPDATE … FROM (VALUES …) per set of changed columns instead of
 * one statement a message: each statement crosses to SQLite's thread and back, and that was most of
 * what a status cost once its message was known (bench/README.md). Each message at most once.
 */
export async function writeStatusChangesTogether(
  m: EntityManager,
  rows: readonly { id: number; changes: StatusChange }[],
): Promise<void> {
  const groups = new Map<
    string,
    { keys: (keyof typeof COLUMNS)[]; rows: { id: number; changes: StatusChange }[] }
  >();
  for (const row of rows) {
    const keys = (Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]).filter((key) => key in row.changes);
    if (!keys.length) continue;
    const shape = keys.join(',');
    const group = groups.get(shape) ?? { keys, rows: [] };
    group.rows.push(row);
    groups.set(shape, group);
  }
  for (const { keys, rows: members } of groups.values()) {
    const values = members.map(({ id, changes }) => [
      id,
      ...keys.map((key) => {
        const value = changes[key];
        return value instanceof Date ? sqlDate(value) : (value ?? null);
      }),
    ]);
    await forEachValuesPiece(values, async (rows, params) => {
      await executePrepared(
        m,
        `UPDATE messages SET ${keys.map((key, k) => `${COLUMNS[key]} = v.column${k + 2}`).join(', ')}
          FROM (VALUES ${rows}) AS v
         WHERE messages.id = v.column1`,
        params,
      );
    });
  }
}
