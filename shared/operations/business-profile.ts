import { z } from 'zod';
import { needs, operation } from './define';
import { phoneNumberIdField } from './media';
import { isWebsite, PROFILE_LIMITS, VERTICAL_CODES } from '../business-profile';
import type { BusinessProfileDto, ProfilePhotoDto } from '../types/phone-numbers';

const tooLong = (limit: number) => `At most ${limit} characters`;

/** A field left out stays as it is at WhatsApp; an empty string clears it (except `about`). */
const profileChanges = z
  .object({
    phoneNumberId: phoneNumberIdField,
    about: z
      .string()
      .trim()
      .min(1, 'WhatsApp needs a text here: it cannot be emptied')
      .max(PROFILE_LIMITS.about, tooLong(PROFILE_LIMITS.about))
      .optional(),
    address: z.string().trim().max(PROFILE_LIMITS.address, tooLong(PROFILE_LIMITS.address)).optional(),
    description: z
      .string()
      .trim()
      .max(PROFILE_LIMITS.description, tooLong(PROFILE_LIMITS.description))
      .optional(),
    email: z
      .string()
      .trim()
      .max(PROFILE_LIMITS.email, tooLong(PROFILE_LIMITS.email))
      .refine((v) => v === '' || z.email().safeParse(v).success, 'Not an email address')
      .optional(),
    websites: z
      .array(
        z
          .string()
          .trim()
          .min(1, 'Required')
          .max(PROFILE_LIMITS.website, tooLong(PROFILE_LIMITS.website))
          .refine(isWebsite, 'A web address starting with http:// or https://'),
      )
      .max(PROFILE_LIMITS.websites, `At most ${PROFILE_LIMITS.websites} websites`)
      .optional(),
    vertical: z.enum(VERTICAL_CODES, { error: 'Choose a business category from the list' }).optional(),
  })
  .strict();

/** Base64 of a 5 MB photo. */
const MAX_PHOTO_BASE64 = 4 * Math.ceil(PROFILE_LIMITS.photoBytes / 3);

export const businessProfileOperations = {
  'businessProfile.get': operation<BusinessProfileDto>()({
    summary: 'A number’s WhatsApp business profile, as customers see it',
    access: needs('settings.read'),
    input: z.object({ phoneNumberId: phoneNumberIdField }).strict(),
  }),
  'businessProfile.update': operation<BusinessProfileDto>()({
    summary:
      'Change a number’s WhatsApp business profile: about (≤ 139), address (≤ 256), description (≤ 512), email (≤ 128), up to two websites, business category',
    access: needs('settings.write'),
    input: profileChanges,
  }),
  'businessProfile.photo': operation<ProfilePhotoDto | null>()({
    summary: 'A number’s profile photo, or null when none is set',
    access: needs('settings.read'),
    input: z.object({ phoneNumberId: phoneNumberIdField }).strict(),
  }),
  'businessProfile.setPhoto': operation<BusinessProfileDto>()({
    summary: 'Set a number’s profile photo (JPEG or PNG, at most 5 MB; square, 640 × 640 looks best)',
    access: needs('settings.write'),
    input: z
      .object({
        phoneNumberId: phoneNumberIdField,
        fileName: z.string().trim().min(1, 'Required').max(255),
        mimeType: z.string().trim().max(255).default(''),
        contentBase64: z
          .string()
          .min(1, 'The file is empty')
          .max(MAX_PHOTO_BASE64, 'Too large: a profile photo may be at most 5 MB')
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Not base64'),
      })
      .strict(),
  }),
};
