import { z } from 'zod';
import { campaignCostOutput, priceTableOutput } from '../outputs/pricing';
import type { CampaignCostDto, PriceTableDto } from '../types/pricing';
import { PRICING_CATEGORIES } from '../types/pricing';
import { needs, operation } from './define';
import { idField } from './fields';

const priceInput = z
  .object({
    category: z.enum(PRICING_CATEGORIES),
    country: z
      .string()
      .trim()
      .transform((c) => c.toUpperCase())
      .pipe(z.string().regex(/^([A-Z]{2}|\*)$/, 'A two-letter country code (IN, GB…) or * for every other')),
    price: z.number().min(0).max(1_000),
  })
  .strict();

export const pricingOperations = {
  'pricing.table': operation<PriceTableDto>()({
    summary: 'What the shop pays WhatsApp per message, by pricing category and country',
    output: priceTableOutput,
    access: needs('settings.read'),
    input: z.object({}).strict(),
  }),
  'pricing.setTable': operation<PriceTableDto>()({
    summary: 'Replace the price table (one price per category and country; * for every other country)',
    output: priceTableOutput,
    access: needs('settings.write'),
    input: z
      .object({
        currency: z
          .string()
          .trim()
          .transform((c) => c.toUpperCase())
          .pipe(z.string().regex(/^[A-Z]{3}$/, 'A three-letter currency code such as USD or INR')),
        prices: z.array(priceInput).max(2_000),
      })
      .strict()
      .refine((v) => new Set(v.prices.map((p) => `${p.category} ${p.country}`)).size === v.prices.length, {
        message: 'Each category and country may have one price only',
        path: ['prices'],
      }),
  }),
  'campaigns.cost': operation<CampaignCostDto>()({
    summary: 'What a campaign cost: messages by pricing category and type, and money where priced',
    output: campaignCostOutput,
    access: needs('campaigns.analytics'),
    input: z.object({ id: idField }).strict(),
  }),
};
