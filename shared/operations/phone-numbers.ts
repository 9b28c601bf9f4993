import { z } from 'zod';
import { needs, operation } from './define';
import type { ConnectionSettingsDto } from '../types/settings';

export type PhoneNumberDto = ConnectionSettingsDto['phoneNumbers'][number];

export const phoneNumberOperations = {
  'phoneNumbers.list': operation<PhoneNumberDto[]>()({
    summary: 'The business’s WhatsApp numbers with quality, messaging limit and speed',
    access: needs('campaigns.read'),
    input: z.object({}).strict(),
  }),
};
