import { z } from 'zod';
import type { ContactDetailDto, ContactDto, ListDto } from '../types/contacts';
import { instant, instantOrNull } from './common';

export const contactOutput = z
  .object({
    id: z.number().int(),
    name: z.string(),
    phone: z
      .string()
      .nullable()
      .describe('E.164, e.g. +919876543210; null for a customer who hides their number'),
    waId: z.string().nullable().describe('The WhatsApp id: the phone’s digits without +'),
    userId: z
      .string()
      .nullable()
      .describe('WhatsApp’s business-scoped user id (BSUID), e.g. US.13491208655302741918'),
    username: z.string().nullable().describe('Their WhatsApp username, without @'),
    email: z.string().nullable(),
    attributes: z.record(z.string(), z.string()),
    tags: z.array(z.string()),
    status: z.enum(['active', 'blocked']),
    optedOut: z.boolean(),
    optedOutAt: instantOrNull,
    optOutSource: z
      .string()
      .nullable()
      .describe('keyword, manual, or whatsapp (WhatsApp’s own stop button, or error 131050 on a send)'),
    optOutDetail: z.string().nullable().describe('Why, in words'),
    marketingHeldUntil: instantOrNull.describe(
      'WhatsApp held back a marketing message (131049): no marketing is sent before this time',
    ),
    lastInboundAt: instantOrNull,
    createdAt: instant,
    updatedAt: instant,
  })
  .strict() satisfies z.ZodType<ContactDto>;

export const contactDetailOutput = contactOutput
  .extend({
    lists: z.array(
      z
        .object({
          listId: z.number().int(),
          listName: z.string(),
          subscribed: z.boolean(),
          subscribedAt: instant,
          unsubscribedAt: instantOrNull,
        })
        .strict(),
    ),
  })
  .strict() satisfies z.ZodType<ContactDetailDto>;

export const listOutput = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string(),
    tags: z.array(z.string()),
    linkedCampaignId: z.number().int().nullable(),
    subscribedCount: z.number().int(),
    unsubscribedCount: z.number().int(),
    createdAt: instant,
    updatedAt: instant,
  })
  .strict() satisfies z.ZodType<ListDto>;
