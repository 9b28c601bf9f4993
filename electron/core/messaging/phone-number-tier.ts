import type { EntityManager } from 'typeorm';
import { PhoneNumberEntity } from '../db/entities/messaging';

/**
 * The messaging limit tier is the business portfolio's, shared by all its numbers: when WhatsApp
 * reports a new one, every number shows it.
 */
export async function setTierOfAllNumbers(m: EntityManager, tier: string, at: Date): Promise<void> {
  await m
    .getRepository(PhoneNumberEntity)
    .createQueryBuilder()
    .update()
    .set({ messagingLimitTier: tier, updatedAt: at })
    .execute();
}
