import { z } from 'zod';
import { MEDIA_KINDS, type MediaDto } from '@shared/types/media';
import type { PhoneNumberDetailsDto } from '@shared/types/phone-numbers';

/**
 * The results of the media and phone-number routes, for the OpenAPI document. Each is tied to its
 * TypeScript type (`satisfies`), so a field added to the DTO and not here does not compile.
 */
const iso = z.string().describe('ISO 8601 date and time');

export const mediaDtoSchema = z
  .object({
    id: z.number().int(),
    phoneNumberId: z.string(),
    kind: z.enum(MEDIA_KINDS),
    mimeType: z.string(),
    sizeBytes: z.number().int(),
    fileName: z.string(),
    url: z.string().describe('Path on the public listener, /media/<name>: what Meta fetches for link media'),
    waMediaId: z.string().nullable().describe('WhatsApp’s media id of the last upload'),
    waUploadedAt: iso.nullable(),
    waRenewsAt: iso.nullable().describe('From then on it is uploaded again before its next use'),
    waExpiresAt: iso.nullable().describe('When WhatsApp forgets the id (30 days after the upload)'),
    waState: z.enum(['none', 'valid', 'renew', 'expired', 'failed']),
    waError: z.string().nullable(),
    source: z.enum(['upload', 'link', 'inbound']),
    sourceUrl: z.string().nullable(),
    createdAt: iso,
  })
  .strict() satisfies z.ZodType<MediaDto>;

export const phoneNumberDetailsSchema = z
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
    updatedAt: iso,
  })
  .strict() satisfies z.ZodType<PhoneNumberDetailsDto>;
