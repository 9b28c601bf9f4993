import { EntitySchema } from 'typeorm';

/** A WhatsApp phone number of the business account, as Meta last described it. */
export interface PhoneNumberRow {
  id: string;
  displayPhoneNumber: string;
  verifiedName: string | null;
  qualityRating: string | null;
  messagingLimitTier: string | null;
  /** Messages a second this number may send (80 by default on Cloud API). */
  throughputMps: number;
  status: string | null;
  /** Whether Meta approved the display name (APPROVED, PENDING_REVIEW, DECLINED, …). */
  nameStatus: string | null;
  /** VERIFIED once the number proved by a code that it is the business's. */
  codeVerificationStatus: string | null;
  /** CLOUD_API once registered; NOT_APPLICABLE while only in the account. Null: not read since 0018. */
  platformType: string | null;
  updatedAt: Date;
}

export const PhoneNumberEntity = new EntitySchema<PhoneNumberRow>({
  name: 'PhoneNumber',
  tableName: 'phone_numbers',
  columns: {
    id: { type: 'varchar', primary: true },
    displayPhoneNumber: { type: 'varchar', name: 'display_phone_number' },
    verifiedName: { type: 'varchar', name: 'verified_name', nullable: true },
    qualityRating: { type: 'varchar', name: 'quality_rating', nullable: true },
    messagingLimitTier: { type: 'varchar', name: 'messaging_limit_tier', nullable: true },
    throughputMps: { type: 'integer', name: 'throughput_mps' },
    status: { type: 'varchar', nullable: true },
    nameStatus: { type: 'varchar', name: 'name_status', nullable: true },
    codeVerificationStatus: { type: 'varchar', name: 'code_verification_status', nullable: true },
    platformType: { type: 'varchar', name: 'platform_type', nullable: true },
    updatedAt: { type: 'datetime', name: 'updated_at' },
  },
});

/** A webhook delivery, stored before it is acknowledged and applied by the processor in order. */
export interface WebhookInboxRow {
  id: number;
  receivedAt: Date;
  /** SHA-256 of the raw body: a byte-identical redelivery is recognised and not stored twice. */
  bodyHash: string;
  body: string;
  state: 'pending' | 'done' | 'failed';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  processedAt: Date | null;
}

export const WebhookInboxEntity = new EntitySchema<WebhookInboxRow>({
  name: 'WebhookInbox',
  tableName: 'webhook_inbox',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    receivedAt: { type: 'datetime', name: 'received_at' },
    bodyHash: { type: 'varchar', name: 'body_hash', unique: true },
    body: { type: 'text' },
    state: { type: 'varchar' },
    attempts: { type: 'integer' },
    lastError: { type: 'text', name: 'last_error', nullable: true },
    nextAttemptAt: { type: 'datetime', name: 'next_attempt_at', nullable: true },
    processedAt: { type: 'datetime', name: 'processed_at', nullable: true },
  },
});

/** A thread with one contact on one of our numbers: made only by a message from the contact. */
export interface ConversationRow {
  id: number;
  contactId: number;
  phoneNumberId: string;
  status: 'open' | 'closed';
  assignedUserId: number | null;
  unreadCount: number;
  lastMessageAt: Date;
  /** When the customer last wrote; the epoch for a conversation an agent started (see conversations/window.ts). */
  lastInboundAt: Date;
  createdAt: Date;
  /** The newest message: what the list previews. */
  lastMessageId: number | null;
  assignedAt: Date | null;
  /** Set while the conversation is resolved (status `closed`). */
  resolvedAt: Date | null;
  /** The last automatic reply: none other within the quiet time. */
  lastAutoReplyAt: Date | null;
}

export const ConversationEntity = new EntitySchema<ConversationRow>({
  name: 'Conversation',
  tableName: 'conversations',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    contactId: { type: 'integer', name: 'contact_id' },
    phoneNumberId: { type: 'varchar', name: 'phone_number_id' },
    status: { type: 'varchar' },
    assignedUserId: { type: 'integer', name: 'assigned_user_id', nullable: true },
    unreadCount: { type: 'integer', name: 'unread_count' },
    lastMessageAt: { type: 'datetime', name: 'last_message_at' },
    lastInboundAt: { type: 'datetime', name: 'last_inbound_at' },
    createdAt: { type: 'datetime', name: 'created_at' },
    lastMessageId: { type: 'integer', name: 'last_message_id', nullable: true },
    assignedAt: { type: 'datetime', name: 'assigned_at', nullable: true },
    resolvedAt: { type: 'datetime', name: 'resolved_at', nullable: true },
    lastAutoReplyAt: { type: 'datetime', name: 'last_auto_reply_at', nullable: true },
  },
  // Declared as the migrations made them; tests/integration/foundation/schema-drift.test.ts compares.
  foreignKeys: [
    {
      target: 'User',
      columnNames: ['assigned_user_id'],
      referencedColumnNames: ['id'],
      onDelete: 'SET NULL',
    },
    { target: 'Contact', columnNames: ['contact_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
  ],
});

export type MessageDirection = 'in' | 'out';
/** Outbound states in the only order they may move; inbound messages are `received`. */
export type MessageStatus =
  'queued' | 'sending' | 'unconfirmed' | 'sent' | 'delivered' | 'read' | 'failed' | 'received';

/** Every message, in or out. An outbound message is a row (queued) before it is a request. */
export interface MessageRow {
  id: number;
  waMessageId: string | null;
  /** Our idempotency key, sent as biz_opaque_callback_data and echoed by status webhooks. */
  clientRef: string | null;
  direction: MessageDirection;
  contactId: number | null;
  conversationId: number | null;
  phoneNumberId: string;
  recipientWaId: string;
  type: string;
  text: string | null;
  /** JSON: what was sent (outbound) or the parsed content (inbound). */
  payload: string;
  status: MessageStatus;
  errorCode: number | null;
  errorTitle: string | null;
  errorDetails: string | null;
  campaignId: number | null;
  contextWaMessageId: string | null;
  /** Campaign sends: tries made so far, and when the next may go. */
  attempts: number;
  nextAttemptAt: Date | null;
  /** A campaign's test send: kept out of its figures. */
  isTest: boolean;
  createdAt: Date;
  sentAt: Date | null;
  deliveredAt: Date | null;
  readAt: Date | null;
  failedAt: Date | null;
  /** The member who sent it from the inbox. */
  sentByUserId: number | null;
  /** The keyword auto-reply rule that sent it. */
  autoReplyId: number | null;
  /** The customer edited it (text and payload are the latest version). */
  editedAt: Date | null;
  /** The customer deleted it for everyone: text and content are gone. */
  deletedAt: Date | null;
  /** The customer's reaction to it, and when they last reacted (a later change wins). */
  reaction: string | null;
  reactedAt: Date | null;
  /** When it became `unconfirmed`: sending again waits for a quiet period counted from here. */
  unconfirmedAt: Date | null;
  /** The pricing WhatsApp last reported in a status (pricing/record-pricing.ts). */
  pricingCategory: string | null;
  pricingType: string | null;
  pricingBillable: boolean | null;
}

export const MessageEntity = new EntitySchema<MessageRow>({
  name: 'Message',
  tableName: 'messages',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    waMessageId: { type: 'varchar', name: 'wa_message_id', nullable: true, unique: true },
    clientRef: { type: 'varchar', name: 'client_ref', nullable: true, unique: true },
    direction: { type: 'varchar' },
    contactId: { type: 'integer', name: 'contact_id', nullable: true },
    conversationId: { type: 'integer', name: 'conversation_id', nullable: true },
    phoneNumberId: { type: 'varchar', name: 'phone_number_id' },
    recipientWaId: { type: 'varchar', name: 'recipient_wa_id' },
    type: { type: 'varchar' },
    text: { type: 'text', nullable: true },
    payload: { type: 'text' },
    status: { type: 'varchar' },
    errorCode: { type: 'integer', name: 'error_code', nullable: true },
    errorTitle: { type: 'varchar', name: 'error_title', nullable: true },
    errorDetails: { type: 'text', name: 'error_details', nullable: true },
    campaignId: { type: 'integer', name: 'campaign_id', nullable: true },
    contextWaMessageId: { type: 'varchar', name: 'context_wa_message_id', nullable: true },
    attempts: { type: 'integer', default: 0 },
    nextAttemptAt: { type: 'datetime', name: 'next_attempt_at', nullable: true },
    isTest: { type: 'boolean', name: 'is_test', default: false },
    createdAt: { type: 'datetime', name: 'created_at' },
    sentAt: { type: 'datetime', name: 'sent_at', nullable: true },
    deliveredAt: { type: 'datetime', name: 'delivered_at', nullable: true },
    readAt: { type: 'datetime', name: 'read_at', nullable: true },
    failedAt: { type: 'datetime', name: 'failed_at', nullable: true },
    sentByUserId: { type: 'integer', name: 'sent_by_user_id', nullable: true },
    autoReplyId: { type: 'integer', name: 'auto_reply_id', nullable: true },
    editedAt: { type: 'datetime', name: 'edited_at', nullable: true },
    deletedAt: { type: 'datetime', name: 'deleted_at', nullable: true },
    reaction: { type: 'varchar', nullable: true },
    reactedAt: { type: 'datetime', name: 'reacted_at', nullable: true },
    unconfirmedAt: { type: 'datetime', name: 'unconfirmed_at', nullable: true },
    pricingCategory: { type: 'varchar', name: 'pricing_category', nullable: true },
    pricingType: { type: 'varchar', name: 'pricing_type', nullable: true },
    pricingBillable: { type: 'boolean', name: 'pricing_billable', nullable: true },
  },
  // Declared as the migrations made them; tests/integration/foundation/schema-drift.test.ts compares.
  foreignKeys: [
    { target: 'Contact', columnNames: ['contact_id'], referencedColumnNames: ['id'], onDelete: 'SET NULL' },
    {
      target: 'Conversation',
      columnNames: ['conversation_id'],
      referencedColumnNames: ['id'],
      onDelete: 'SET NULL',
    },
  ],
});

/** A status WhatsApp reported for an outbound message: the message's history, in the order it happened. */
export interface MessageStatusEventRow {
  id: number;
  messageId: number;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  /** When it happened, as WhatsApp says. */
  at: Date;
  errorCode: number | null;
  errorTitle: string | null;
  errorDetails: string | null;
  /** Meta's pricing of the conversation; kept for the dashboard's costs, not filled yet. */
  pricingBillable: boolean | null;
  pricingModel: string | null;
  pricingCategory: string | null;
  pricingType: string | null;
  /** When this app applied it. */
  recordedAt: Date;
}

export const MessageStatusEventEntity = new EntitySchema<MessageStatusEventRow>({
  name: 'MessageStatusEvent',
  tableName: 'message_status_events',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    messageId: { type: 'integer', name: 'message_id' },
    status: { type: 'varchar' },
    at: { type: 'datetime' },
    errorCode: { type: 'integer', name: 'error_code', nullable: true },
    errorTitle: { type: 'varchar', name: 'error_title', nullable: true },
    errorDetails: { type: 'text', name: 'error_details', nullable: true },
    pricingBillable: { type: 'boolean', name: 'pricing_billable', nullable: true },
    pricingModel: { type: 'varchar', name: 'pricing_model', nullable: true },
    pricingCategory: { type: 'varchar', name: 'pricing_category', nullable: true },
    pricingType: { type: 'varchar', name: 'pricing_type', nullable: true },
    recordedAt: { type: 'datetime', name: 'recorded_at' },
  },
  // Declared as the migrations made them; tests/integration/foundation/schema-drift.test.ts compares.
  foreignKeys: [
    { target: 'Message', columnNames: ['message_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
  ],
});

/** A message template of the business account (synced, and updated by status webhooks). */
export interface TemplateRow {
  id: string;
  name: string;
  language: string;
  category: string;
  status: string;
  parameterFormat: string;
  /** JSON: Meta's components. */
  components: string;
  rejectedReason: string | null;
  /** GREEN, YELLOW, RED or UNKNOWN, from `message_template_quality_update`; null until WhatsApp says. */
  qualityScore: string | null;
  qualityUpdatedAt: Date | null;
  /** Why WhatsApp paused, disabled or flagged it, in its words (`other_info`, `disable_info`). */
  statusReason: string | null;
  /** The category before WhatsApp changed it (`template_category_update`). */
  previousCategory: string | null;
  categoryChangedAt: Date | null;
  updatedAt: Date;
}

export const TemplateEntity = new EntitySchema<TemplateRow>({
  name: 'Template',
  tableName: 'templates',
  columns: {
    id: { type: 'varchar', primary: true },
    name: { type: 'varchar' },
    language: { type: 'varchar' },
    category: { type: 'varchar' },
    status: { type: 'varchar' },
    parameterFormat: { type: 'varchar', name: 'parameter_format' },
    components: { type: 'text' },
    rejectedReason: { type: 'varchar', name: 'rejected_reason', nullable: true },
    qualityScore: { type: 'varchar', name: 'quality_score', nullable: true },
    qualityUpdatedAt: { type: 'datetime', name: 'quality_updated_at', nullable: true },
    statusReason: { type: 'text', name: 'status_reason', nullable: true },
    previousCategory: { type: 'varchar', name: 'previous_category', nullable: true },
    categoryChangedAt: { type: 'datetime', name: 'category_changed_at', nullable: true },
    updatedAt: { type: 'datetime', name: 'updated_at' },
  },
});

/** Something the owner should see: a quality drop, an account restriction, a webhook that failed. */
export interface AlertRow {
  id: number;
  kind: string;
  message: string;
  details: string;
  createdAt: Date;
  dismissedAt: Date | null;
}

export const AlertEntity = new EntitySchema<AlertRow>({
  name: 'Alert',
  tableName: 'alerts',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    kind: { type: 'varchar' },
    message: { type: 'text' },
    details: { type: 'text' },
    createdAt: { type: 'datetime', name: 'created_at' },
    dismissedAt: { type: 'datetime', name: 'dismissed_at', nullable: true },
  },
});
