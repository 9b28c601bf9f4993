import { ConversationEntity, type ConversationRow } from '../db/entities/messaging';
import type { ReadManager } from '../db/read-db';
import { chunks, marks, select } from '../db/sql';

/** How other domains read a conversation: this folder owns `conversations` (issue 9). */
export function conversationById(m: ReadManager, id: number): Promise<ConversationRow | null> {
  return m.getRepository(ConversationEntity).findOneBy({ id });
}

/** A customer's conversation with one of the business's numbers (there is at most one). */
export function conversationWith(
  m: ReadManager,
  contactId: number,
  phoneNumberId: string,
): Promise<ConversationRow | null> {
  return m.getRepository(ConversationEntity).findOneBy({ contactId, phoneNumberId });
}

/** Who a conversation is assigned to: what decides which windows hear of its messages. */
export async function assigneeOf(m: ReadManager, conversationId: number | null): Promise<number | null> {
  if (conversationId === null) return null;
  const conversation = await m
    .getRepository(ConversationEntity)
    .findOne({ where: { id: conversationId }, select: { assignedUserId: true } });
  return conversation?.assignedUserId ?? null;
}

/** Who each of these conversations is assigned to (missing: nobody, or no such conversation). */
export async function assigneesOf(
  m: ReadManager,
  conversationIds: readonly (number | null)[],
): Promise<Map<number, number>> {
  const ids = [...new Set(conversationIds.filter((id): id is number => id !== null))];
  const assignees = new Map<number, number>();
  for (const part of chunks(ids)) {
    const rows = await select<{ id: number; assigned_user_id: number | null }>(
      m,
      `SELECT id, assigned_user_id FROM conversations WHERE id IN (${marks(part.length)})`,
      part,
    );
    for (const row of rows) if (row.assigned_user_id !== null) assignees.set(row.id, row.assigned_user_id);
  }
  return assignees;
}
