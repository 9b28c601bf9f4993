export interface MessageDto {
  id: number;
  waMessageId: string | null;
  direction: 'in' | 'out';
  phoneNumberId: string;
  /** The customer's WhatsApp id. */
  waId: string;
  contactId: number | null;
  conversationId: number | null;
  type: string;
  text: string | null;
  status: 'queued' | 'sending' | 'unconfirmed' | 'sent' | 'delivered' | 'read' | 'failed' | 'received';
  error: { code: number | null; title: string | null; details: string | null } | null;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  failedAt: string | null;
}
