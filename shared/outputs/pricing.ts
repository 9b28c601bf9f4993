import { z } from 'zod';
import type { CampaignCostDto, CostDto, PriceTableDto } from '../types/pricing';
import { instantOrNull } from './common';

export const costOutput = z
  .object({
    currency: z.string().nullable().describe('The price table’s currency; null until the shop fills it in'),
    lines: z.array(
      z
        .object({
          category: z
            .string()
            .describe('Meta’s pricing category: marketing, utility, authentication, service…'),
          type: z.string().describe('regular, free_customer_service or free_entry_point'),
          messages: z.number().int(),
          billableMessages: z.number().int(),
          amount: z.number().nullable().describe('In the currency; null when no price applies'),
        })
        .strict(),
    ),
    totalMessages: z.number().int(),
    billableMessages: z.number().int(),
    amount: z.number().nullable(),
    unpriced: z
      .array(z.object({ category: z.string(), country: z.string(), messages: z.number().int() }).strict())
      .describe('Billable messages the price table has no price for'),
  })
  .strict() satisfies z.ZodType<CostDto>;

export const campaignCostOutput = costOutput
  .extend({ campaignId: z.number().int() })
  .strict() satisfies z.ZodType<CampaignCostDto>;

export const priceTableOutput = z
  .object({
    currency: z.string().nullable(),
    prices: z.array(z.object({ category: z.string(), country: z.string(), price: z.number() }).strict()),
    updatedAt: instantOrNull,
  })
  .strict() satisfies z.ZodType<PriceTableDto>;
