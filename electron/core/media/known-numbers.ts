import { AppError } from '@shared/errors';
import type { WhatsAppConnection } from '../connection/whatsapp-connection';
import type { CoreContext } from '../core-context';
import { syncPhoneNumbers } from '../messaging/phone-numbers';
import { phoneNumberExists } from '../phone-numbers/phone-number-rows';

/**
 * A library belongs to one of the business's numbers: media for an unknown number is refused
 * before anything is written (it would make a folder no library shows).
 */
export async function assertKnownNumber(
  ctx: CoreContext,
  whatsapp: WhatsAppConnection | null,
  phoneNumberId: string,
): Promise<void> {
  if (await phoneNumberExists(ctx.db, phoneNumberId)) return;
  // The numbers are read from WhatsApp at start-up; a new number may not be in the table yet.
  if (whatsapp) {
    const numbers = await syncPhoneNumbers(ctx, whatsapp).catch(() => []);
    if (numbers.some((n) => n.id === phoneNumberId)) return;
  }
  throw new AppError('VALIDATION', `No phone number ${phoneNumberId} in this business account`, {
    fields: [{ field: 'phoneNumberId', message: 'Unknown phone number' }],
  });
}
