import { isBusinessUserId } from '@shared/customer-id';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { EntityManager } from 'typeorm';
import { campaignExistsCondition } from '../campaigns/campaign-exists';
import { executePrepared } from '../db/prepared-writes';
import type { MessageRow } from '../db/entities/messaging';
import { firstPricedAt, setMessagePricing } from '../messaging/message-pricing';
import type { StatusUpdate } from '../whatsapp/webhooks';
import { bucketOf } from './buckets';

/** A message's pricing as this app keeps it. */
export interface MessagePricing {
  category: string;
  type: string;
  billable: boolean;
}

/**
 * Meta's pricing as kept: the category in one spelling (the docs also write
 * `authentication-international`), a type (`regular` when a pre-2025 status has none), and whether
 * it is billed (as WhatsApp says; else the free types are not).
 */
export function pricingOf(pricing: StatusUpdate['pricing']): MessagePricing | null {
  if (!pricing?.category) return null;
  const category = pricing.category.trim().toLowerCase().replace(/-/g, '_');
  const type = (pricing.type ?? 'regular').trim().toLowerCase();
  return { category, type, billable: pricing.billable ?? type === 'regular' };
}

/**
 * The recipient's country (ISO alpha-2) from their WhatsApp id, or from the two letters a user id
 * starts with (a customer who hides their number); empty when it cannot be told.
 */
export function countryOf(address: string): string {
  if (isBusinessUserId(address)) return address.slice(0, 2);
  return parsePhoneNumberFromString(`+${address.replace(/\D/g, '')}`)?.country ?? '';
}

/**
 * A status carried pricing: the message keeps it, and it is counted once in what was spent, by
 * category, type, country and whether billed, in the quarter hour it was first priced and in its
 * campaign. WhatsApp prices `sent` and one of `delivered`/`read` alike; a later status that prices
 * it differently moves the count rather than adding one. In the status's transaction.
 */
export async function recordPricing(
  m: EntityManager,
  message: Pick<
    MessageRow,
    'id' | 'recipientWaId' | 'campaignId' | 'isTest' | 'pricingCategory' | 'pricingType' | 'pricingBillable'
  >,
  pricing: MessagePricing,
  at: Date,
): Promise<boolean> {
  const before =
    message.pricingCategory && message.pricingType
      ? {
          category: message.pricingCategory,
          type: message.pricingType,
          billable: Boolean(message.pricingBillable),
        }
      : null;
  if (
    before &&
    before.category === pricing.category &&
    before.type === pricing.type &&
    before.billable === pricing.billable
  ) {
    return false;
  }
  const country = countryOf(message.recipientWaId);
  const campaignId = message.campaignId !== null && !message.isTest ? message.campaignId : null;
  let bucket = bucketOf(at);
  if (before) {
    // Counted already, in the quarter hour of the first status that priced it: moved from there.
    bucket = bucketOf((await firstPricedAt(m, message.id)) ?? at);
    await count(m, bucket, campaignId, { ...before, country }, -1);
  }
  await count(m, bucket, campaignId, { ...pricing, country }, 1);
  await setMessagePricing(m, message.id, pricing);
  return true;
}

/**
 * The first pricing of many messages (a chunk of status webhooks), counted together: one upsert
 * per quarter hour and kind, and per campaign and kind, instead of two or three statements a
 * message, each a trip to SQLite's thread (bench/README.md). The messages' own pricing columns are
 * the caller's to write; a message priced before goes through recordPricing, whose count moves.
 */
export class PricingTally {
  private readonly buckets = new Map<string, { bucket: number; p: Priced; delta: number }>();
  private readonly campaigns = new Map<string, { campaignId: number; p: Priced; delta: number }>();

  /** Counts a message priced for the first time, as recordPricing would. */
  add(
    message: Pick<MessageRow, 'recipientWaId' | 'campaignId' | 'isTest'>,
    pricing: MessagePricing,
    at: Date,
  ): void {
    const p = { ...pricing, country: countryOf(message.recipientWaId) };
    const kind = [p.category, p.type, p.country, p.billable];
    const bucket = bucketOf(at);
    addOne(this.buckets, JSON.stringify([bucket, ...kind]), { bucket, p });
    if (message.campaignId === null || message.isTest) return;
    addOne(this.campaigns, JSON.stringify([message.campaignId, ...kind]), {
      campaignId: message.campaignId,
      p,
    });
  }

  async write(m: EntityManager): Promise<void> {
    for (const { bucket, p, delta } of this.buckets.values()) await countInBucket(m, bucket, p, delta);
    for (const { campaignId, p, delta } of this.campaigns.values())
      await countInCampaign(m, campaignId, p, delta);
    this.buckets.clear();
    this.campaigns.clear();
  }
}

type Priced = MessagePricing & { country: string };

/** One more message under `key`: its count starts at 1 the first time. */
function addOne<T extends object>(counts: Map<string, T & { delta: number }>, key: string, first: T): void {
  const counted = counts.get(key);
  if (counted) counted.delta += 1;
  else counts.set(key, { ...first, delta: 1 });
}

async function count(
  m: EntityManager,
  bucket: number,
  campaignId: number | null,
  p: Priced,
  delta: number,
): Promise<void> {
  await countInBucket(m, bucket, p, delta);
  if (campaignId !== null) await countInCampaign(m, campaignId, p, delta);
}

// Both prepared once (db/prepared-writes.ts): priced status webhooks run them all the time.
async function countInBucket(m: EntityManager, bucket: number, p: Priced, delta: number): Promise<void> {
  await executePrepared(
    m,
    `INSERT INTO pricing_buckets (bucket, category, type, country, billable, messages) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (bucket, category, type, country, billable) DO UPDATE SET messages = messages + excluded.messages`,
    [bucket, p.category, p.type, p.country, p.billable ? 1 : 0, delta],
  );
}

async function countInCampaign(
  m: EntityManager,
  campaignId: number,
  p: Priced,
  delta: number,
): Promise<void> {
  const billable = p.billable ? 1 : 0;
  // Only while the campaign exists: its counts go with it, and a row for a deleted one breaks the key.
  const exists = campaignExistsCondition(campaignId);
  await executePrepared(
    m,
    `INSERT INTO campaign_pricing (campaign_id, category, type, country, billable, messages)
       SELECT ?, ?, ?, ?, ?, ? WHERE ${exists.sql}
     ON CONFLICT (campaign_id, category, type, country, billable) DO UPDATE SET messages = messages + excluded.messages`,
    [campaignId, p.category, p.type, p.country, billable, delta, ...exists.params],
  );
}
