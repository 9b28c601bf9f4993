import { EntitySchema } from 'typeorm';

/**
 * The dashboard's pre-aggregated rows (migration 0021). Triggers write them; the code only reads
 * them, with SQL (dashboard/). The entities are here so the schema test holds them to their tables.
 */

export interface ActivityBucketRow {
  /** Unix seconds / 900: one quarter hour, UTC. */
  bucket: number;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  received: number;
  contactsAdded: number;
  contactsRemoved: number;
  optedOutKeyword: number;
  optedOutManual: number;
  optedOutWhatsapp: number;
  optedOutOther: number;
  optedIn: number;
}

const count = (name: string) => ({ type: 'integer' as const, name, default: 0 });

export const ActivityBucketEntity = new EntitySchema<ActivityBucketRow>({
  name: 'ActivityBucket',
  tableName: 'activity_buckets',
  columns: {
    bucket: { type: 'integer', primary: true },
    sent: count('sent'),
    delivered: count('delivered'),
    read: count('read'),
    failed: count('failed'),
    received: count('received'),
    contactsAdded: count('contacts_added'),
    contactsRemoved: count('contacts_removed'),
    optedOutKeyword: count('opted_out_keyword'),
    optedOutManual: count('opted_out_manual'),
    optedOutWhatsapp: count('opted_out_whatsapp'),
    optedOutOther: count('opted_out_other'),
    optedIn: count('opted_in'),
  },
});

export interface CampaignTallyRow {
  campaignId: number;
  queued: number;
  sending: number;
  unconfirmed: number;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  replied: number;
}

export const CampaignTallyEntity = new EntitySchema<CampaignTallyRow>({
  name: 'CampaignTally',
  tableName: 'campaign_tallies',
  columns: {
    campaignId: { type: 'integer', primary: true, name: 'campaign_id' },
    queued: count('queued'),
    sending: count('sending'),
    unconfirmed: count('unconfirmed'),
    sent: count('sent'),
    delivered: count('delivered'),
    read: count('read'),
    failed: count('failed'),
    replied: count('replied'),
  },
  foreignKeys: [
    { target: 'Campaign', columnNames: ['campaign_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
  ],
});

export interface CampaignReplyMarkRow {
  messageId: number;
  campaignId: number;
  /** The recipient's first answer after the message went out (0024 dates every mark). */
  repliedAt: Date | null;
}

export const CampaignReplyMarkEntity = new EntitySchema<CampaignReplyMarkRow>({
  name: 'CampaignReplyMark',
  tableName: 'campaign_reply_marks',
  columns: {
    messageId: { type: 'integer', primary: true, name: 'message_id' },
    campaignId: { type: 'integer', name: 'campaign_id' },
    repliedAt: { type: 'datetime', name: 'replied_at', nullable: true },
  },
  foreignKeys: [
    { target: 'Message', columnNames: ['message_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
  ],
});

export interface ContactTotalsRow {
  id: number;
  total: number;
  optedOutKeyword: number;
  optedOutManual: number;
  optedOutWhatsapp: number;
  optedOutOther: number;
}

export const ContactTotalsEntity = new EntitySchema<ContactTotalsRow>({
  name: 'ContactTotals',
  tableName: 'contact_totals',
  columns: {
    id: { type: 'integer', primary: true },
    total: count('total'),
    optedOutKeyword: count('opted_out_keyword'),
    optedOutManual: count('opted_out_manual'),
    optedOutWhatsapp: count('opted_out_whatsapp'),
    optedOutOther: count('opted_out_other'),
  },
});

/** Conversations opened and resolved per quarter hour and member (migration 0022). */
export interface ConversationBucketRow {
  bucket: number;
  /** The member a resolved conversation was assigned to; 0: nobody (and every opening). */
  userId: number;
  opened: number;
  resolved: number;
}

export const ConversationBucketEntity = new EntitySchema<ConversationBucketRow>({
  name: 'ConversationBucket',
  tableName: 'conversation_buckets',
  columns: {
    bucket: { type: 'integer', primary: true },
    userId: { type: 'integer', primary: true, name: 'user_id', default: 0 },
    opened: count('opened'),
    resolved: count('resolved'),
  },
});

/** Each time a conversation opened, and the first member reply it got (migration 0022). */
export interface ConversationOpeningRow {
  id: number;
  conversationId: number;
  openedAt: Date;
  /** Opened by the customer (a member's own start or reopen waits for nobody). */
  awaitsResponse: boolean;
  respondedAt: Date | null;
  respondedByUserId: number | null;
  responseBucket: number | null;
  responseSeconds: number | null;
}

export const ConversationOpeningEntity = new EntitySchema<ConversationOpeningRow>({
  name: 'ConversationOpening',
  tableName: 'conversation_openings',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    conversationId: { type: 'integer', name: 'conversation_id' },
    openedAt: { type: 'datetime', name: 'opened_at' },
    awaitsResponse: { type: 'boolean', name: 'awaits_response' },
    respondedAt: { type: 'datetime', name: 'responded_at', nullable: true },
    respondedByUserId: { type: 'integer', name: 'responded_by_user_id', nullable: true },
    responseBucket: { type: 'integer', name: 'response_bucket', nullable: true },
    responseSeconds: { type: 'integer', name: 'response_seconds', nullable: true },
  },
});

/**
 * A campaign's recipients counted as sent, delivered, read, failed and replied, per minute of the
 * time each happened (0024; kept by triggers). Minute 0 holds those whose time is not known.
 */
export interface CampaignMinuteRow {
  campaignId: number;
  /** Unix seconds / 60. */
  minute: number;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  /** Recipients whose first answer came in this minute. */
  replied: number;
}

export const CampaignMinuteEntity = new EntitySchema<CampaignMinuteRow>({
  name: 'CampaignMinute',
  tableName: 'campaign_minutes',
  columns: {
    campaignId: { type: 'integer', primary: true, name: 'campaign_id' },
    minute: { type: 'integer', primary: true },
    sent: count('sent'),
    delivered: count('delivered'),
    read: count('read'),
    failed: count('failed'),
    replied: count('replied'),
  },
  foreignKeys: [
    { target: 'Campaign', columnNames: ['campaign_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
  ],
});
