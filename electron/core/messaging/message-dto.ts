import type { MessageDto } from '@shared/types/messages';
import type { MessageRow } from '../db/entities/messaging';

export function toMessageDto(row: MessageRow): MessageDto {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: row.id,
    waMessageId: row.waMessageId,
    direction: row.direction,
    phoneNumberId: row.phoneNumberId,
    waId: row.recipientWaId,
    contactId: row.contactId,
    conversationId: row.conversationId,
    type: row.type,
    text: row.text,
    status: row.status,
    error:
      row.errorCode !== null || row.errorTitle !== null
        ? { code: row.errorCode, title: row.errorTitle, details: row.errorDetails }
        : null,
    createdAt: row.createdAt.toISOString(),
    sentAt: iso(row.sentAt),
    deliveredAt: iso(row.deliveredAt),
    readAt: iso(row.readAt),
    failedAt: iso(row.failedAt),
  };
}
