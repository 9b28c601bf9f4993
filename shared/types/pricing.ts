/** Meta's pricing categories (reference §10); the docs also spell `authentication-international`. */
export const PRICING_CATEGORIES = [
  'marketing',
  'marketing_lite',
  'utility',
  'authentication',
  'authentication_international',
  'service',
  'referral_conversion',
] as const;
export type PricingCategory = (typeof PRICING_CATEGORIES)[number];

/** What the shop pays for one message of a category to a country; `*` is every other country. */
export interface PriceDto {
  category: string;
  /** ISO 3166 alpha-2 (`IN`, `GB`), or `*` for every country without its own price. */
  country: string;
  /** In the table's currency, per message (e.g. 0.0107). */
  price: number;
}

export interface PriceTableDto {
  /** ISO 4217 (`USD`, `INR`); null until the shop sets the table. */
  currency: string | null;
  prices: PriceDto[];
  updatedAt: string | null;
}

/** Messages of one pricing category and type, and what they cost. */
export interface CostLineDto {
  category: string;
  /** `regular`, `free_customer_service`, `free_entry_point`. */
  type: string;
  messages: number;
  /** Those WhatsApp said it bills (the free types are not). */
  billableMessages: number;
  /** In the table's currency; null when no price applies to any of them. */
  amount: number | null;
}

/** Messages WhatsApp bills for which the price table has no price (neither the country's nor `*`). */
export interface UnpricedDto {
  category: string;
  /** ISO alpha-2, or empty when the recipient's country is not known. */
  country: string;
  messages: number;
}

export interface CostDto {
  currency: string | null;
  lines: CostLineDto[];
  totalMessages: number;
  billableMessages: number;
  /** The sum of the priced lines; null when nothing could be priced. */
  amount: number | null;
  unpriced: UnpricedDto[];
}

export interface CampaignCostDto extends CostDto {
  campaignId: number;
}
