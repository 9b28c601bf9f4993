import type { CoreContext } from '../core-context';
import type { WhatsAppConnection } from '../connection/whatsapp-connection';
import type { PhoneNumberDto } from '@shared/operations/phone-numbers';
import type { PhoneNumberRow } from '../db/entities/messaging';
import type { PhoneNumberInfo } from '../whatsapp';
import { keepNumbersAsRead } from '../phone-numbers/numbers-as-read';
import { recordNumberRatings } from '../quality/quality-history';

/**
 * Reads the business's numbers from WhatsApp (quality, limit tier, throughput, name approval,
 * verification, registration) into the database; a number added in WhatsApp Manager appears here.
 */
export async function syncPhoneNumbers(
  ctx: CoreContext,
  whatsapp: WhatsAppConnection,
): Promise<PhoneNumberRow[]> {
  const numbers = await whatsapp.client.phoneNumbers.list(whatsapp.businessAccountId);
  const now = ctx.clock.now();
  const rows = numbers.map((n) => phoneNumberRow(n, now));
  await ctx.tx.run(async (m) => {
    // A rating that changed since the last reading goes into the quality history (the dashboard's).
    await recordNumberRatings(m, rows, now);
    await keepNumbersAsRead(m, rows);
  });
  return rows;
}

/** One number as WhatsApp reports it, as its row. */
export function phoneNumberRow(n: PhoneNumberInfo, now: Date): PhoneNumberRow {
  return {
    id: n.id,
    displayPhoneNumber: n.displayPhoneNumber,
    verifiedName: n.verifiedName ?? null,
    qualityRating: n.qualityRating ?? null,
    messagingLimitTier: n.messagingLimitTier ?? null,
    throughputMps: n.throughputMps ?? 80,
    status: n.status ?? null,
    nameStatus: n.nameStatus,
    codeVerificationStatus: n.codeVerificationStatus,
    platformType: n.platformType,
    updatedAt: now,
  };
}

/**
 * On the Cloud API, so it can send: `platform_type` CLOUD_API. A row read before that column
 * existed (null) counts as registered, as every number did until then.
 */
export function isRegistered(n: Pick<PhoneNumberRow, 'platformType'>): boolean {
  return n.platformType === null || n.platformType === 'CLOUD_API';
}

/** What the screens show of a number. */
export function toPhoneNumberDto(n: PhoneNumberRow): PhoneNumberDto {
  return {
    id: n.id,
    displayPhoneNumber: n.displayPhoneNumber,
    verifiedName: n.verifiedName,
    qualityRating: n.qualityRating,
    messagingLimitTier: n.messagingLimitTier,
    throughputMps: n.throughputMps,
  };
}
