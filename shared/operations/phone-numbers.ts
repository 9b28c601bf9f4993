import { z } from 'zod';
import { needs, operation } from './define';
import { phoneNumberIdField } from './media';
import type { ConnectionSettingsDto } from '../types/settings';
import type { PhoneNumberDetailsDto, RegistrationStepDto } from '../types/phone-numbers';
import { phoneNumberDetailsOutput } from '../outputs/library';

export type PhoneNumberDto = ConnectionSettingsDto['phoneNumbers'][number];

/** WhatsApp's two-step verification PIN: exactly six digits. */
const pin = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'Six digits');

export const phoneNumberOperations = {
  'phoneNumbers.list': operation<PhoneNumberDto[]>()({
    summary: 'The business’s WhatsApp numbers that can send, with quality, messaging limit and speed',
    access: needs('campaigns.read'),
    input: z.object({}).strict(),
  }),
  'phoneNumbers.account': operation<PhoneNumberDetailsDto[]>()({
    summary:
      'Every number of the WhatsApp business account: display name and its approval, quality, messaging limit, throughput, verification and whether it is registered on the Cloud API',
    access: needs('settings.read'),
    output: z.array(phoneNumberDetailsOutput),
    input: z.object({}).strict(),
  }),
  'phoneNumbers.sync': operation<PhoneNumberDetailsDto[]>()({
    summary: 'Read the account’s numbers from WhatsApp again (picks up numbers added in WhatsApp Manager)',
    access: needs('settings.write'),
    output: z.array(phoneNumberDetailsOutput),
    input: z.object({}).strict(),
  }),
  'phoneNumbers.requestCode': operation<RegistrationStepDto>()({
    summary: 'Registration, step 1: WhatsApp sends a verification code to the number by SMS or voice call',
    access: needs('settings.write'),
    input: z
      .object({
        phoneNumberId: phoneNumberIdField,
        method: z.enum(['SMS', 'VOICE']),
        /** The language of the SMS or call, e.g. en_US. */
        language: z
          .string()
          .trim()
          .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'A language code such as en_US')
          .default('en_US'),
      })
      .strict(),
  }),
  'phoneNumbers.verifyCode': operation<RegistrationStepDto>()({
    summary: 'Registration, step 2: the code the number received proves it is the business’s',
    access: needs('settings.write'),
    input: z
      .object({
        phoneNumberId: phoneNumberIdField,
        code: z
          .string()
          .trim()
          .transform((v) => v.replace(/[\s-]/g, ''))
          .pipe(z.string().regex(/^\d{6}$/, 'The six digits of the code')),
      })
      .strict(),
  }),
  'phoneNumbers.register': operation<RegistrationStepDto>()({
    summary:
      'Registration, step 3: puts the verified number on the Cloud API, protected by a two-step verification PIN',
    access: needs('settings.write'),
    input: z.object({ phoneNumberId: phoneNumberIdField, pin }).strict(),
  }),
  'phoneNumbers.setPin': operation<{ ok: true }>()({
    summary: 'Set a registered number’s two-step verification PIN (asked for when it is registered again)',
    access: needs('settings.write'),
    input: z.object({ phoneNumberId: phoneNumberIdField, pin }).strict(),
  }),
};
