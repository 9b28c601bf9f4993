import { z } from 'zod';
import type { DashboardDto } from '../types/dashboard';
import { instant, instantOrNull } from './common';
import { costOutput } from './pricing';

const int = z.number().int();
const optOuts = z.object({ keyword: int, manual: int, whatsapp: int, other: int }).strict();
const rates = z
  .object({ delivery: z.number(), read: z.number(), reply: z.number(), failure: z.number() })
  .strict();
const campaign = z
  .object({
    id: int,
    name: z.string(),
    status: z.string(),
    phoneNumberId: z.string(),
    scheduledAt: instantOrNull,
    startedAt: instantOrNull,
    finishedAt: instantOrNull,
    recipients: int,
    queued: int,
    sent: int,
    delivered: int,
    read: int,
    replied: int,
    failed: int,
    rates,
  })
  .strict();
const bestWorst = z.object({ byRead: campaign.nullable(), byReply: campaign.nullable() }).strict();

export const dashboardOutput = z
  .object({
    period: z
      .object({
        days: int,
        timeZone: z.string(),
        from: instant,
        to: instant,
        dates: z.array(z.string()).describe('YYYY-MM-DD in the organization’s time zone, oldest first'),
      })
      .strict(),
    numbers: z.array(
      z
        .object({
          id: z.string(),
          displayPhoneNumber: z.string(),
          verifiedName: z.string().nullable(),
          qualityRating: z.string().nullable().describe('GREEN, YELLOW, RED, or UNKNOWN'),
          messagingLimitTier: z.string().nullable(),
          throughputMps: z.number(),
          status: z.string().nullable(),
        })
        .strict(),
    ),
    qualityHistory: z.array(
      z
        .object({
          subject: z.enum(['phone_number', 'template']),
          subjectId: z.string(),
          subjectName: z.string(),
          rating: z.string().nullable(),
          previousRating: z.string().nullable(),
          event: z.string().nullable(),
          detail: z.string().nullable(),
          at: instant,
        })
        .strict(),
    ),
    quota: z
      .object({
        tier: z.string(),
        dailyLimit: int
          .nullable()
          .describe('Unique customers outside a service window per 24 h; null: no limit'),
        source: z.string(),
        used: int,
        left: int.nullable(),
        nextRoomAt: instantOrNull,
      })
      .strict()
      .describe('The business portfolio’s messaging limit, shared by all its numbers'),
    campaigns: z
      .object({
        running: z.array(campaign),
        scheduled: z.array(campaign),
        nextStartAt: instantOrNull,
        finished: z.array(campaign),
        best: bestWorst,
        worst: bestWorst,
      })
      .strict(),
    contacts: z
      .object({
        total: int,
        newInPeriod: int,
        removedInPeriod: int,
        optedOut: optOuts.extend({ total: int }).strict(),
        optOutsInPeriod: optOuts,
        optInsInPeriod: int,
        growth: z.array(z.object({ date: z.string(), total: int, added: int, removed: int }).strict()),
      })
      .strict(),
    days: z.array(
      z
        .object({
          date: z.string(),
          sent: int,
          delivered: int,
          read: int,
          failed: int,
          received: int,
          optOuts,
        })
        .strict(),
    ),
    spending: costOutput
      .extend({
        perDay: z.array(
          z.object({ date: z.string(), category: z.string(), type: z.string(), messages: int }).strict(),
        ),
      })
      .strict(),
    conversations: z
      .object({
        opened: int.describe('Opened in the period: a customer’s first message, or a resolved one reopened'),
        resolved: int,
        openNow: int,
        unassignedNow: int,
        firstResponses: int,
        medianFirstResponseSeconds: z
          .number()
          .nullable()
          .describe('From a customer opening a conversation to a member’s first reply; null: none'),
        members: z.array(
          z
            .object({
              userId: int,
              name: z.string(),
              openNow: int,
              resolved: int.describe('Resolved in the period while assigned to them'),
              firstResponses: int,
              medianFirstResponseSeconds: z.number().nullable(),
            })
            .strict(),
        ),
        perDay: z.array(z.object({ date: z.string(), opened: int, resolved: int }).strict()),
      })
      .strict()
      .describe('The shared inbox: counts and members’ names only, never what was written'),
  })
  .strict() satisfies z.ZodType<DashboardDto>;
