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
  /** Why it failed; only ever set on a message whose status is `failed`. */
  error: { code: number | null; title: string | null; details: string | null } | null;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  failedAt: string | null;
}

/** A status WhatsApp reported for an outbound message, with its error when it failed. */
export interface MessageStatusEventDto {
  status: 'sent' | 'delivered' | 'read' | 'failed';
  at: string;
  /** The pricing WhatsApp gave with this status (on `sent`, and on one of `delivered`/`read`). */
  pricing: { category: string; type: string | null; billable: boolean | null } | null;
  error: { code: number | null; title: string | null; details: string | null } | null;
}

/**
 * One message with what WhatsApp reported about it, oldest first. A failure reported after the
 * message was delivered or read is only here: the message keeps its status and has no error.
 */
export interface MessageDetailDto extends MessageDto {
  statusHistory: MessageStatusEventDto[];
}
