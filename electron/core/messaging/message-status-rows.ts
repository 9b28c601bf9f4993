import type { EntityManager } from 'typeorm';
import { MessageEntity, type MessageRow } from '../db/entities/messaging';
import { executePrepared } from '../db/prepared-writes';
import { sqlDate } from '../db/sql';

/**
 * The reads and the write of a status webhook on `messages`, which this folder owns (issue 9); what
 * a status changes is decided in webhooks/apply-status.ts. The same statements as before: webhook
 * status application is a hot path.
 */

/**
 * The message a status is about: by its wamid, else by the biz_opaque_callback_data we sent with it
 * (a status can arrive before the send call returned the wamid).
 */
export async function messageForStatus(
  m: EntityManager,
  waMessageId: string,
  clientRef: string | null,
): Promise<MessageRow | null> {
  const repo = m.getRepository(MessageEntity);
  const message = await repo.findOneBy({ waMessageId });
  if (message || !clientRef) return message;
  return repo.findOneBy({ clientRef });
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
