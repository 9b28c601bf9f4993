import { EntitySchema } from 'typeorm';

/** The business portfolio's messaging limit, shared by all its numbers (one row, id 1). */
export interface MessagingLimitRow {
  id: number;
  /** TIER_50 … TIER_UNLIMITED. */
  tier: string;
  /** Unique customers outside a service window in a moving 24 h; null when unlimited. */
  dailyLimit: number | null;
  /** Where it was learnt: business_capability_update, phone_number_quality_update or phone_numbers. */
  source: string;
  updatedAt: Date;
}

export const MessagingLimitEntity = new EntitySchema<MessagingLimitRow>({
  name: 'MessagingLimit',
  tableName: 'messaging_limit',
  columns: {
    id: { type: 'integer', primary: true },
    tier: { type: 'varchar' },
    dailyLimit: { type: 'integer', name: 'daily_limit', nullable: true },
    source: { type: 'varchar' },
    updatedAt: { type: 'datetime', name: 'updated_at' },
  },
});

/** A customer reached with a template outside a service window, and when last (kept by a trigger). */
export interface PortfolioReachRow {
  waId: string;
  reachedAt: Date;
  phoneNumberId: string;
}

export const PortfolioReachEntity = new EntitySchema<PortfolioReachRow>({
  name: 'PortfolioReach',
  tableName: 'portfolio_reach',
  columns: {
    waId: { type: 'varchar', primary: true, name: 'wa_id' },
    reachedAt: { type: 'datetime', name: 'reached_at' },
    phoneNumberId: { type: 'varchar', name: 'phone_number_id' },
  },
});

export type QualitySubject = 'phone_number' | 'template';

/** One change of a number's or a template's quality, as WhatsApp reported it. */
export interface QualityHistoryRow {
  id: number;
  subject: QualitySubject;
  subjectId: string;
  /** The number as displayed, or the template's name and language, as they were then. */
  subjectName: string;
  /** GREEN, YELLOW, RED, UNKNOWN; null when the event said nothing of the rating. */
  rating: string | null;
  previousRating: string | null;
  /** Meta's event (FLAGGED, THROUGHPUT_UPGRADE, …); null for a change seen when reading the number. */
  event: string | null;
  detail: string | null;
  at: Date;
}

export const QualityHistoryEntity = new EntitySchema<QualityHistoryRow>({
  name: 'QualityHistory',
  tableName: 'quality_history',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    subject: { type: 'varchar' },
    subjectId: { type: 'varchar', name: 'subject_id' },
    subjectName: { type: 'varchar', name: 'subject_name' },
    rating: { type: 'varchar', nullable: true },
    previousRating: { type: 'varchar', name: 'previous_rating', nullable: true },
    event: { type: 'varchar', nullable: true },
    detail: { type: 'text', nullable: true },
    at: { type: 'datetime' },
  },
});

/** What the shop pays for one message of a pricing category to a country (`*`: any other). */
export interface PriceRow {
  category: string;
  country: string;
  /** Millionths of the currency: 0.0107 is 10700. */
  priceMicros: number;
}

export const PriceEntity = new EntitySchema<PriceRow>({
  name: 'Price',
  tableName: 'price_table',
  columns: {
    category: { type: 'varchar', primary: true },
    country: { type: 'varchar', primary: true },
    priceMicros: { type: 'integer', name: 'price_micros' },
  },
});

/** The currency of the price table (one row, id 1). */
export interface PriceSettingsRow {
  id: number;
  currency: string;
  updatedAt: Date;
  updatedByUserId: number | null;
}

export const PriceSettingsEntity = new EntitySchema<PriceSettingsRow>({
  name: 'PriceSettings',
  tableName: 'price_settings',
  columns: {
    id: { type: 'integer', primary: true },
    currency: { type: 'varchar' },
    updatedAt: { type: 'datetime', name: 'updated_at' },
    updatedByUserId: { type: 'integer', name: 'updated_by_user_id', nullable: true },
  },
  foreignKeys: [
    {
      target: 'User',
      columnNames: ['updated_by_user_id'],
      referencedColumnNames: ['id'],
      onDelete: 'SET NULL',
    },
  ],
});

/** Messages by pricing, per quarter hour (UTC). */
export interface PricingBucketRow {
  bucket: number;
  category: string;
  type: string;
  country: string;
  billable: boolean;
  messages: number;
}

export const PricingBucketEntity = new EntitySchema<PricingBucketRow>({
  name: 'PricingBucket',
  tableName: 'pricing_buckets',
  columns: {
    bucket: { type: 'integer', primary: true },
    category: { type: 'varchar', primary: true },
    type: { type: 'varchar', primary: true },
    country: { type: 'varchar', primary: true },
    billable: { type: 'boolean', primary: true },
    messages: { type: 'integer', default: 0 },
  },
});

/** A campaign's messages by pricing. */
export interface CampaignPricingRow {
  campaignId: number;
  category: string;
  type: string;
  country: string;
  billable: boolean;
  messages: number;
}

export const CampaignPricingEntity = new EntitySchema<CampaignPricingRow>({
  name: 'CampaignPricing',
  tableName: 'campaign_pricing',
  columns: {
    campaignId: { type: 'integer', primary: true, name: 'campaign_id' },
    category: { type: 'varchar', primary: true },
    type: { type: 'varchar', primary: true },
    country: { type: 'varchar', primary: true },
    billable: { type: 'boolean', primary: true },
    messages: { type: 'integer', default: 0 },
  },
  foreignKeys: [
    { target: 'Campaign', columnNames: ['campaign_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
  ],
});
