import type { CoreContext } from '../core-context';
import type { WhatsAppConnection } from '../connection/whatsapp-connection';
import type { PhoneNumberDto } from '@shared/operations/phone-numbers';
import { PhoneNumberEntity, type PhoneNumberRow } from '../db/entities/messaging';
import { recordNumberRatings } from '../quality/quality-history';

/** Reads the business's numbers from WhatsApp (quality, limit tier, throughput) into the database. */
export async function syncPhoneNumbers(
  ctx: CoreContext,
  whatsapp: WhatsAppConnection,
): Promise<PhoneNumberRow[]> {
  const numbers = await whatsapp.client.phoneNumbers.list(whatsapp.businessAccountId);
  const now = ctx.clock.now();
  const rows: PhoneNumberRow[] = numbers.map((n) => ({
    id: n.id,
    displayPhoneNumber: n.displayPhoneNumber,
    verifiedName: n.verifiedName ?? null,
    qualityRating: n.qualityRating ?? null,
    messagingLimitTier: n.messagingLimitTier ?? null,
    throughputMps: n.throughputMps ?? 80,
    status: n.status ?? null,
    updatedAt: now,
  }));
  await ctx.tx.run(async (m) => {
    // A rating that changed since the last reading goes into the quality history (the dashboard's).
    await recordNumberRatings(m, rows, now);
    await m.getRepository(PhoneNumberEntity).save(rows);
  });
  return rows;
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
