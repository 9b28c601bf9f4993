import type { PhoneNumberDetailsDto } from '@shared/types/phone-numbers';
import type { PhoneNumberRow } from '../db/entities/messaging';
import { isRegistered } from '../messaging/phone-numbers';
import { MESSAGING_LIMIT_TIERS } from '../whatsapp';

export function toPhoneNumberDetails(row: PhoneNumberRow): PhoneNumberDetailsDto {
  const tier = row.messagingLimitTier;
  const limit =
    tier && tier in MESSAGING_LIMIT_TIERS
      ? MESSAGING_LIMIT_TIERS[tier as keyof typeof MESSAGING_LIMIT_TIERS]
      : null;
  return {
    id: row.id,
    displayPhoneNumber: row.displayPhoneNumber,
    verifiedName: row.verifiedName,
    nameStatus: row.nameStatus,
    qualityRating: row.qualityRating,
    messagingLimitTier: tier,
    dailyLimit: limit,
    throughputMps: row.throughputMps,
    status: row.status,
    codeVerificationStatus: row.codeVerificationStatus,
    platformType: row.platformType,
    registered: isRegistered(row),
    updatedAt: row.updatedAt.toISOString(),
  };
}
