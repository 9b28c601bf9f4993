/** `NA` and `UNKNOWN` both mean "no rating yet"; sources disagree which one Graph sends (reference §5). */
export type QualityRating = 'GREEN' | 'YELLOW' | 'RED' | 'UNKNOWN' | 'NA' | (string & {});

/**
 * Unique customers a portfolio may reach outside a service window in a moving 24 h, per tier; null
 * means no limit. `TIER_1K` is the legacy `messaging_limit_tier` value.
 */
export const MESSAGING_LIMIT_TIERS = {
  TIER_50: 50,
  TIER_250: 250,
  TIER_1K: 1_000,
  TIER_2K: 2_000,
  TIER_10K: 10_000,
  TIER_100K: 100_000,
  TIER_UNLIMITED: null,
} as const satisfies Record<string, number | null>;
export type MessagingLimitTier = keyof typeof MESSAGING_LIMIT_TIERS;

/** Messages per second by `throughput.level`: 80 is Meta's default, 1,000 the automatic upgrade. */
export const THROUGHPUT_LEVEL_MPS: Record<string, number> = { STANDARD: 80, HIGH: 1_000 };

export interface PhoneNumberInfo {
  id: string;
  displayPhoneNumber: string;
  verifiedName: string | null;
  qualityRating: QualityRating;
  /** `whatsapp_business_manager_messaging_limit`, else the deprecated `messaging_limit_tier`. */
  messagingLimitTier: string | null;
  /** From the tier; null when unlimited or unknown. */
  dailyUniqueRecipientLimit: number | null;
  throughputLevel: string | null;
  /** From the level; null when Graph does not say. */
  throughputMps: number | null;
  status: string | null;
  nameStatus: string | null;
  codeVerificationStatus: string | null;
  platformType: string | null;
}

export type BusinessVertical =
  | 'OTHER'
  | 'AUTO'
  | 'BEAUTY'
  | 'APPAREL'
  | 'EDU'
  | 'ENTERTAIN'
  | 'EVENT_PLAN'
  | 'FINANCE'
  | 'GROCERY'
  | 'GOVT'
  | 'HOTEL'
  | 'HEALTH'
  | 'NONPROFIT'
  | 'PROF_SERVICES'
  | 'RETAIL'
  | 'TRAVEL'
  | 'RESTAURANT'
  | 'ALCOHOL'
  | 'ONLINE_GAMBLING'
  | 'PHYSICAL_GAMBLING'
  | 'OTC_DRUGS';

export interface BusinessProfile {
  about?: string;
  address?: string;
  description?: string;
  email?: string;
  profile_picture_url?: string;
  websites?: string[];
  vertical?: BusinessVertical | (string & {});
}

export interface BusinessProfileUpdate {
  /** 1–139 characters. */
  about?: string;
  address?: string;
  description?: string;
  email?: string;
  /** A handle from the resumable upload API. */
  profile_picture_handle?: string;
  /** At most 2. */
  websites?: string[];
  vertical?: BusinessVertical;
}
