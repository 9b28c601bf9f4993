import type { EntityManager } from 'typeorm';
import { MessagingLimitEntity } from '../db/entities/health';
import type { ReadManager } from '../db/read-db';
import { allPhoneNumbers } from '../phone-numbers/phone-number-rows';
import { setTierOfAllNumbers } from '../phone-numbers/phone-number-tier';
import { readLimitValue } from '../whatsapp/webhooks/limit-value';

/** The business portfolio's messaging limit, shared by every number of it (reference §7, §10). */
export interface PortfolioLimit {
  tier: string;
  /** Unique customers reached outside a service window in a moving 24 h; null: no limit. */
  dailyLimit: number | null;
  /**
   * Where it comes from: WhatsApp's `business_capability_update` or `phone_number_quality_update`,
   * the numbers as last read from WhatsApp (`phone_numbers`), or `default` (nothing known yet:
   * Meta's starting limit, because waiting is cheap and going over hurts the numbers).
   */
  source: string;
  updatedAt: Date | null;
}

const STARTING_TIER = 'TIER_250';

/**
 * The limit in force: the last one WhatsApp reported for the portfolio, else the tier the numbers
 * were read with (it is the portfolio's, so any number's will do: the highest, should they differ
 * for a moment), else Meta's starting limit.
 */
export async function portfolioLimit(m: ReadManager): Promise<PortfolioLimit> {
  const row = await m.getRepository(MessagingLimitEntity).findOneBy({ id: 1 });
  if (row)
    return { tier: row.tier, dailyLimit: row.dailyLimit, source: row.source, updatedAt: row.updatedAt };
  const known = (await allPhoneNumbers(m))
    .map((n) => readLimitValue(n.messagingLimitTier))
    .filter((limit) => limit !== null)
    .sort((a, b) => (a.dailyLimit ?? Infinity) - (b.dailyLimit ?? Infinity));
  const highest = known.at(-1);
  if (highest) return { ...highest, source: 'phone_numbers', updatedAt: null };
  return { tier: STARTING_TIER, dailyLimit: 250, source: 'default', updatedAt: null };
}

/**
 * WhatsApp told us the portfolio's limit: kept, and written on every number too (Settings shows it
 * per number, and it is the same for all). An older report than the one kept changes nothing.
 */
export async function setPortfolioLimit(
  m: EntityManager,
  limit: { tier: string; dailyLimit: number | null; source: string; at: Date },
): Promise<boolean> {
  const repo = m.getRepository(MessagingLimitEntity);
  const current = await repo.findOneBy({ id: 1 });
  if (current && current.updatedAt > limit.at) return false;
  const same = current?.tier === limit.tier && current.dailyLimit === limit.dailyLimit;
  await repo.save({
    id: 1,
    tier: limit.tier,
    dailyLimit: limit.dailyLimit,
    source: limit.source,
    updatedAt: limit.at,
  });
  await setTierOfAllNumbers(m, limit.tier, limit.at);
  return !same;
}
