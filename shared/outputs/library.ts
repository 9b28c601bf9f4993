import { z } from 'zod';
import { MEDIA_KINDS, type MediaDto } from '../types/media';
import type { PhoneNumberDetailsDto } from '../types/phone-numbers';
import { instant, instantOrNull } from './common';

/** The media library's and the phone numbers' results (see `common.ts`). */
export const mediaOutput = z
  .object({
    id: z.number().int(),
    phoneNumberId: z.string(),
    kind: z.enum(MEDIA_KINDS),
    mimeType: z.string(),
    sizeBytes: z.number().int(),
    fileName: z.string(),
    url: z.string().describe('Path on the public listener, /media/<name>: what Meta fetches for link media'),
    waMediaId: z.string().nullable().describe('WhatsApp’s media id of the last upload'),
    waUploadedAt: instantOrNull,
    waRenewsAt: instantOrNull.describe('From then on it is uploaded again before its next use'),
    waExpiresAt: instantOrNull.describe('When WhatsApp forgets the id (30 days after the upload)'),
    waState: z.enum(['none', 'valid', 'renew', 'expired', 'failed']),
    waError: z.string().nullable(),
    source: z.enum(['upload', 'link', 'inbound']),
    sourceUrl: z.string().nullable(),
    createdAt: instant,
  })
  .strict() satisfies z.ZodType<MediaDto>;

export const mediaDeletedOutput = z
  .object({
    ok: z.literal(true),
    releasedCampaignIds: z
      .array(z.number().int())
      .describe('Draft or scheduled campaigns that used the file as their header and no longer have one'),
  })
  .strict() satisfies z.ZodType<{ ok: true; releasedCampaignIds: number[] }>;

export const phoneNumberDetailsOutput = z
  .object({
    id: z.string(),
    displayPhoneNumber: z.string(),
    verifiedName: z.string().nullable(),
    nameStatus: z.string().nullable().describe('APPROVED, PENDING_REVIEW, DECLINED, …'),
    qualityRating: z.string().nullable().describe('GREEN, YELLOW, RED, or UNKNOWN'),
    messagingLimitTier: z.string().nullable(),
    dailyLimit: z.number().int().nullable(),
    throughputMps: z.number(),
    status: z.string().nullable(),
    codeVerificationStatus: z.string().nullable(),
    platformType: z.string().nullable(),
    registered: z.boolean(),
    updatedAt: instant,
  })
  .strict() satisfies z.ZodType<PhoneNumberDetailsDto>;
