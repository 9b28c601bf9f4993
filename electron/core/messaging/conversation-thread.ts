import { In } from 'typeorm';
import { MessageEntity, type MessageRow } from '../db/entities/messaging';
import type { ReadManager } from '../db/read-db';
import { fromSqlDate, fromSqlDateOrNull, select } from '../db/sql';

/**
 * A conversation's messages as its thread pages them: this folder owns `messages` (issue 9). Plain
 * SQL on messages_conversation (conversation_id, id): a page is read straight off the index.
 */

/** A messages row as raw SQL returns it (dates as SQLite strings, booleans as 0/1). */
type RawMessage = Omit<
  MessageRow,
  | 'createdAt'
  | 'sentAt'
  | 'deliveredAt'
  | 'readAt'
  | 'failedAt'
  | 'nextAttemptAt'
  | 'editedAt'
  | 'deletedAt'
  | 'reactedAt'
  | 'isTest'
> & {
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  failedAt: string | null;
  nextAttemptAt: string | null;
  editedAt: string | null;
  deletedAt: string | null;
  reactedAt: string | null;
  isTest: number;
};

const MESSAGE_COLUMNS = `id, wa_message_id AS waMessageId, client_ref AS clientRef, direction, contact_id AS contactId,
  conversation_id AS conversationId, phone_number_id AS phoneNumberId, recipient_wa_id AS recipientWaId, type, text,
  payload, status, error_code AS errorCode, error_title AS errorTitle, error_details AS errorDetails,
  campaign_id AS campaignId, context_wa_message_id AS contextWaMessageId, attempts,
  next_attempt_at AS nextAttemptAt, is_test AS isTest, created_at AS createdAt, sent_at AS sentAt,
  delivered_at AS deliveredAt, read_at AS readAt, failed_at AS failedAt, sent_by_user_id AS sentByUserId,
  auto_reply_id AS autoReplyId, edited_at AS editedAt, deleted_at AS deletedAt, reaction, reacted_at AS reactedAt`;

function fromRaw(raw: RawMessage): MessageRow {
  return {
    ...raw,
    isTest: raw.isTest === 1,
    createdAt: fromSqlDate(raw.createdAt),
    sentAt: fromSqlDateOrNull(raw.sentAt),
    deliveredAt: fromSqlDateOrNull(raw.deliveredAt),
    readAt: fromSqlDateOrNull(raw.readAt),
    failedAt: fromSqlDateOrNull(raw.failedAt),
    nextAttemptAt: fromSqlDateOrNull(raw.nextAttemptAt),
    editedAt: fromSqlDateOrNull(raw.editedAt),
    deletedAt: fromSqlDateOrNull(raw.deletedAt),
    reactedAt: fromSqlDateOrNull(raw.reactedAt),
  };
}

/** Up to `limit` messages after `after`, oldest first: what arrived since a window last looked. */
export async function threadMessagesAfter(
  m: ReadManager,
  conversationId: number,
  after: number,
  limit: number,
): Promise<MessageRow[]> {
  const rows = await select<RawMessage>(
    m,
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND id > ? ORDER BY id ASC LIMIT ?`,
    [conversationId, after, limit],
  );
  return rows.map(fromRaw);
}

/** Up to `limit` messages before `before`, newest first. */
export async function threadMessagesBefore(
  m: ReadManager,
  conversationId: number,
  before: number,
  limit: number,
): Promise<MessageRow[]> {
  const rows = await select<RawMessage>(
    m,
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
    [conversationId, before, limit],
  );
  return rows.map(fromRaw);
}

/** What a thread shows of a quoted message. */
export type QuotedMessage = Pick<
  MessageRow,
  'id' | 'waMessageId' | 'direction' | 'type' | 'text' | 'deletedAt' | 'payload'
>;

/** The messages a page quotes, by wamid, in one query (those this app never stored are missing). */
export async function quotedMessages(
  m: ReadManager,
  waMessageIds: readonly string[],
): Promise<QuotedMessage[]> {
  if (!waMessageIds.length) return [];
  return m.getRepository(MessageEntity).find({
    where: { waMessageId: In([...waMessageIds]) },
    select: {
      id: true,
      waMessageId: true,
      direction: true,
      type: true,
      text: true,
      deletedAt: true,
      payload: true,
    },
  });
}
