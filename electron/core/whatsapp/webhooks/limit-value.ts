import { MESSAGING_LIMIT_TIERS, type MessagingLimitTier } from '../client/types/account';

/** A tier and the number of unique customers it allows a day; null: no limit. */
export interface LimitValue {
  tier: string;
  dailyLimit: number | null;
}

const TIER_BY_LIMIT = new Map<number, MessagingLimitTier>(
  (Object.entries(MESSAGING_LIMIT_TIERS) as [MessagingLimitTier, number | null][])
    .filter((entry): entry is [MessagingLimitTier, number] => entry[1] !== null && entry[0] !== 'TIER_1K')
    .map(([tier, limit]) => [limit, tier]),
);

/**
 * A messaging limit as Meta writes it in one place or another: a number of customers
 * (`max_daily_conversations_per_business`: 250, 2000, …, -1 for unlimited), the same as a string,
 * or a tier name (`TIER_2K`, `TIER_UNLIMITED`, the legacy `TIER_1K`). Null for anything else.
 */
export function readLimitValue(value: unknown): LimitValue | null {
  if (typeof value === 'string' && value in MESSAGING_LIMIT_TIERS) {
    return { tier: value, dailyLimit: MESSAGING_LIMIT_TIERS[value as MessagingLimitTier] };
  }
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isInteger(number)) return null;
  if (number < 0) return { tier: 'TIER_UNLIMITED', dailyLimit: null };
  if (number === 0) return null;
  return { tier: TIER_BY_LIMIT.get(number) ?? `LIMIT_${number}`, dailyLimit: number };
}
