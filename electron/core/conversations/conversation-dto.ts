import type { ConversationDto } from '@shared/types/conversations';
import type { MessageDto } from '@shared/types/messages';
import { fromSqlDate, fromSqlDateOrNull, marks, select } from '../contacts/sql';
import type { ReadManager } from '../db/read-db';
import { previewOf } from './preview';
import { customerWrote, windowOf } from './window';

/** A conversation row as the list queries read it (raw SQL: dates are SQLite strings). */
export interface RawConversation {
  id: number;
  contactId: number;
  phoneNumberId: string;
  status: 'open' | 'closed';
  assignedUserId: number | null;
  unreadCount: number;
  lastMessageAt: string;
  lastInboundAt: string;
  createdAt: string;
  lastMessageId: number | null;
  resolvedAt: string | null;
}

export const CONVERSATION_COLUMNS = `c.id AS id, c.contact_id AS contactId, c.phone_number_id AS phoneNumberId,
  c.status AS status, c.assigned_user_id AS assignedUserId, c.unread_count AS unreadCount,
  c.last_message_at AS lastMessageAt, c.last_inbound_at AS lastInboundAt, c.created_at AS createdAt,
  c.last_message_id AS lastMessageId, c.resolved_at AS resolvedAt`;

interface ContactBits {
  id: number;
  name: string;
  phone: string;
  waId: string;
  optedOut: number;
  status: string;
}

interface LastBits {
  id: number;
  direction: 'in' | 'out';
  type: string;
  text: string | null;
  payload: string;
  status: MessageDto['status'];
  createdAt: string;
  deletedAt: string | null;
}

/**
 * DTOs for a page of conversations with a fixed number of queries (contacts, tags, assignees,
 * labels, last messages), each by primary key or index, whatever the page size.
 */
export async function toConversationDtos(
  m: ReadManager,
  rows: readonly RawConversation[],
  now: Date,
): Promise<ConversationDto[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const contactIds = [...new Set(rows.map((r) => r.contactId))];
  const userIds = [...new Set(rows.map((r) => r.assignedUserId).filter((id) => id !== null))];
  const lastIds = rows.map((r) => r.lastMessageId).filter((id) => id !== null);
  const [contacts, tags, users, labels, last] = await Promise.all([
    select<ContactBits>(
      m,
      `SELECT id, name, phone, wa_id AS waId, opted_out AS optedOut, status FROM contacts
        WHERE id IN (${marks(contactIds.length)})`,
      contactIds,
    ),
    select<{ contactId: number; tag: string }>(
      m,
      `SELECT contact_id AS contactId, tag FROM contact_tags WHERE contact_id IN (${marks(contactIds.length)})
        ORDER BY tag`,
      contactIds,
    ),
    userIds.length
      ? select<{ id: number; name: string }>(
          m,
          `SELECT id, name FROM users WHERE id IN (${marks(userIds.length)})`,
          userIds,
        )
      : [],
    select<{ conversationId: number; label: string }>(
      m,
      `SELECT conversation_id AS conversationId, label FROM conversation_labels
        WHERE conversation_id IN (${marks(ids.length)}) ORDER BY label`,
      ids,
    ),
    lastIds.length
      ? select<LastBits>(
          m,
          `SELECT id, direction, type, text, payload, status, created_at AS createdAt, deleted_at AS deletedAt
             FROM messages WHERE id IN (${marks(lastIds.length)})`,
          lastIds,
        )
      : [],
  ]);
  const contactById = new Map(contacts.map((c) => [c.id, c]));
  const userById = new Map(users.map((u) => [u.id, u]));
  const lastById = new Map(last.map((l) => [l.id, l]));
  const tagsOf = groupBy(
    tags,
    (t) => t.contactId,
    (t) => t.tag,
  );
  const labelsOf = groupBy(
    labels,
    (l) => l.conversationId,
    (l) => l.label,
  );

  return rows.map((row) => {
    const contact = contactById.get(row.contactId);
    const lastMessage = row.lastMessageId !== null ? lastById.get(row.lastMessageId) : undefined;
    const lastInbound = fromSqlDate(row.lastInboundAt);
    const user = row.assignedUserId !== null ? userById.get(row.assignedUserId) : undefined;
    return {
      id: row.id,
      phoneNumberId: row.phoneNumberId,
      contact: {
        id: row.contactId,
        name: contact?.name ?? '',
        phone: contact?.phone ?? null,
        username: null,
        waId: contact?.waId ?? '',
        optedOut: contact?.optedOut === 1,
        blocked: contact?.status === 'blocked',
        tags: tagsOf.get(row.contactId) ?? [],
      },
      status: row.status === 'closed' ? 'resolved' : 'open',
      assignee: user ? { id: user.id, name: user.name } : null,
      unreadCount: row.unreadCount,
      labels: labelsOf.get(row.id) ?? [],
      lastMessage: lastMessage
        ? {
            id: lastMessage.id,
            direction: lastMessage.direction,
            preview: previewOf({
              type: lastMessage.type,
              text: lastMessage.text,
              deletedAt: fromSqlDateOrNull(lastMessage.deletedAt),
              payload: lastMessage.payload,
            }),
            status: lastMessage.status,
            at: fromSqlDate(lastMessage.createdAt).toISOString(),
          }
        : null,
      lastActivityAt: fromSqlDate(row.lastMessageAt).toISOString(),
      lastInboundAt: customerWrote(lastInbound) ? lastInbound.toISOString() : null,
      window: windowOf(lastInbound, now),
      createdAt: fromSqlDate(row.createdAt).toISOString(),
      resolvedAt: row.resolvedAt ? fromSqlDate(row.resolvedAt).toISOString() : null,
    };
  });
}

function groupBy<T, K, V>(items: readonly T[], key: (item: T) => K, value: (item: T) => V): Map<K, V[]> {
  const out = new Map<K, V[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(value(item));
    else out.set(k, [value(item)]);
  }
  return out;
}
