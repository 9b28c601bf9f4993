import { z } from 'zod';
import {
  CAMPAIGN_STATUSES,
  type CampaignAnalyticsDto,
  type CampaignDto,
  type CampaignSummaryDto,
} from '../types/campaigns';
import { instant, instantOrNull } from './common';

const binding = z
  .object({
    component: z.enum(['header', 'body']),
    placeholder: z.string(),
    source: z.enum(['fixed', 'name', 'first_name', 'phone', 'email', 'attribute']),
    value: z.string(),
    fallback: z.string(),
  })
  .strict();

export const campaignOutput = z
  .object({
    id: z.number().int(),
    name: z.string(),
    status: z.enum(CAMPAIGN_STATUSES),
    phoneNumberId: z.string(),
    templateId: z.string(),
    templateName: z.string(),
    templateLanguage: z.string(),
    listIds: z.array(z.number().int()),
    variables: z.array(binding),
    mediaHeader: z
      .union([z.object({ mediaId: z.number().int() }).strict(), z.object({ link: z.string() }).strict()])
      .nullable(),
    optOutKeywords: z.array(z.string()),
    messagesPerSecond: z.number().int().nullable(),
    scheduledAt: instantOrNull,
    startedAt: instantOrNull,
    finishedAt: instantOrNull,
    notice: z.string().nullable(),
    unconfirmed: z
      .object({
        count: z.number().int(),
        resendable: z.number().int(),
        nextResendableAt: instantOrNull,
        quietPeriodMinutes: z.number().int(),
      })
      .strict()
      .nullable()
      .describe('Messages whose send was interrupted and about which WhatsApp has said nothing since'),
    retargetOfCampaignId: z.number().int().nullable(),
    createdBy: z.string().nullable(),
    createdAt: instant,
    updatedAt: instant,
  })
  .strict() satisfies z.ZodType<CampaignDto>;

export const campaignSummaryOutput = campaignOutput
  .extend({
    recipients: z.number().int(),
    plannedRecipients: z
      .number()
      .int()
      .nullable()
      .describe('For a draft or scheduled campaign, whom its lists would reach now; null once started'),
    sent: z.number().int(),
    failed: z.number().int(),
  })
  .strict() satisfies z.ZodType<CampaignSummaryDto>;

const count = z.number().int();

export const campaignAnalyticsOutput = z
  .object({
    campaignId: z.number().int(),
    status: z.enum(CAMPAIGN_STATUSES),
    figures: z
      .object({
        recipients: count,
        queued: count,
        sending: count,
        unconfirmed: count,
        sent: count,
        delivered: count,
        read: count,
        replied: count,
        failed: count,
        optedOut: count,
        rates: z
          .object({ delivery: z.number(), read: z.number(), reply: z.number(), failure: z.number() })
          .strict(),
      })
      .strict(),
    failuresByCode: z.array(
      z.object({ code: z.number().int().nullable(), reason: z.string(), count }).strict(),
    ),
    progress: z
      .object({ done: count, total: count, perSecond: z.number(), etaSeconds: z.number().nullable() })
      .strict(),
    timeline: z
      .array(
        z
          .object({
            at: instant,
            sent: count,
            delivered: count,
            read: count,
            replied: count,
            failed: count,
            optedOut: count,
          })
          .strict(),
      )
      .describe('Running totals at the end of each time bucket since the start'),
    pauses: z.array(z.object({ from: instant, to: instantOrNull, reason: z.string().nullable() }).strict()),
    bucketSeconds: z.number().int().describe('The size of a timeline bucket, in seconds'),
  })
  .strict() satisfies z.ZodType<CampaignAnalyticsDto>;
