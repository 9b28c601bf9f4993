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
}

export const CampaignReplyMarkEntity = new EntitySchema<CampaignReplyMarkRow>({
  name: 'CampaignReplyMark',
  tableName: 'campaign_reply_marks',
  columns: {
    messageId: { type: 'integer', primary: true, name: 'message_id' },
    campaignId: { type: 'integer', name: 'campaign_id' },
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
