import type { ConversationDto } from '@shared/types/conversations';
import { customerJoin, type CustomerColumns } from '../contacts/conversation-customers';
import { fromSqlDate, fromSqlDateOrNull, select } from '../db/sql';
import type { ReadManager } from '../db/read-db';
import { lastMessageJoin, type LastMessageColumns } from '../messaging/conversation-list';
import { userNameOf } from '../people/user-name-column';
import { previewOf } from './preview';
import { customerWrote, windowOf } from './window';

/** A conversation row as the inbox reads it, with its customer, assignee and last message (raw SQL: dates are SQLite strings). */
export interface RawConversation {
  id: number;
  contactId: number;
  phoneNumberId: string;
  status: 'open' | 'closed';
  assignedUserId: number | null;
  assignedAt: string | null;
  unreadCount: number;
  lastMessageAt: string;
  lastInboundAt: string;
  createdAt: string;
  lastMessageId: number | null;
  resolvedAt: string | null;
}

export interface ConversationRecord extends RawConversation, CustomerColumns, LastMessageColumns {
  labels: string | null;
  assigneeName: string | null;
}

/** Separates tags and labels in one column (neither can contain it). */
const SEPARATOR = '\u001f';

const ROW_COLUMNS = `c.id AS id, c.contact_id AS contactId, c.phone_number_id AS phoneNumberId,
  c.status AS status, c.assigned_user_id AS assignedUserId,
  c.assigned_at AS assignedAt, c.unread_count AS unreadCount,
  c.last_message_at AS lastMessageAt, c.last_inbound_at AS lastInboundAt, c.created_at AS createdAt,
  c.last_message_id AS lastMessageId, c.resolved_at AS resolvedAt`;

/**
 * One statement for a page: the page of conversations is chosen first (an inner query with its
 * LIMIT, which SQLite keeps apart from the joins), then each row is joined by primary key to its
 * customer, assignee and last message, whose owners (contacts/, people/, messaging/) give the SQL;
 * tags and labels come as one separated column each. A page of 30 costs one round trip instead of six.
 */
export async function selectConversations(
  m: ReadManager,
  where: { sql: string; params: unknown[] },
  limit: number,
): Promise<ConversationRecord[]> {
  const customer = customerJoin('k', 'c.contactId');
  const assignee = userNameOf('c.assignedUserId');
  const last = lastMessageJoin('m', 'c.lastMessageId');
  return select<ConversationRecord>(
    m,
    `SELECT c.*, ${customer.columns},
            (SELECT group_concat(l.label, char(31)) FROM conversation_labels l WHERE l.conversation_id = c.id) AS labels,
            ${assignee.sql} AS assigneeName, ${last.columns}
       FROM (SELECT ${ROW_COLUMNS} FROM conversations c WHERE ${where.sql}
              ORDER BY c.last_message_at DESC, c.id DESC LIMIT ?) c
       ${customer.join}
       ${last.join}
      ORDER BY c.lastMessageAt DESC, c.id DESC`,
    [...assignee.params, ...where.params, limit],
  );
}

/** One conversation with everything the inbox shows of it, or null. */
export async function conversationRow(m: ReadManager, id: number): Promise<ConversationRecord | null> {
  const [row] = await selectConversations(m, { sql: 'c.id = ?', params: [id] }, 1);
  return row ?? null;
}

function split(joined: string | null): string[] {
  return joined ? joined.split(SEPARATOR).sort((a, b) => a.localeCompare(b)) : [];
}

export function toConversationDto(row: ConversationRecord, now: Date): ConversationDto {
  const lastInbound = fromSqlDate(row.lastInboundAt);
  return {
    id: row.id,
    phoneNumberId: row.phoneNumberId,
    contact: {
      id: row.contactId,
      name: row.contactName ?? '',
      phone: row.contactPhone,
      username: row.contactUsername,
      waId: row.contactWaId ?? '',
      optedOut: row.contactOptedOut === 1,
      blocked: row.contactStatus === 'blocked',
      tags: split(row.contactTags),
    },
    status: row.status === 'closed' ? 'resolved' : 'open',
    assignee: row.assignedUserId !== null ? { id: row.assignedUserId, name: row.assigneeName ?? '' } : null,
    unreadCount: row.unreadCount,
    labels: split(row.labels),
    lastMessage:
      row.lastMessageId !== null && row.lastCreatedAt !== null
        ? {
            id: row.lastMessageId,
            direction: row.lastDirection ?? 'in',
            preview: previewOf({
              type: row.lastType ?? 'text',
              text: row.lastText,
              deletedAt: fromSqlDateOrNull(row.lastDeletedAt),
              payload: row.lastPayload ?? undefined,
            }),
            status: row.lastStatus ?? 'received',
            at: fromSqlDate(row.lastCreatedAt).toISOString(),
          }
        : null,
    lastActivityAt: fromSqlDate(row.lastMessageAt).toISOString(),
    lastInboundAt: customerWrote(lastInbound) ? lastInbound.toISOString() : null,
    window: windowOf(lastInbound, now),
    createdAt: fromSqlDate(row.createdAt).toISOString(),
    resolvedAt: row.resolvedAt ? fromSqlDate(row.resolvedAt).toISOString() : null,
  };
}
