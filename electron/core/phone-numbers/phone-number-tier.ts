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

/** A tier WhatsApp named for one number that is not a portfolio limit it knows: kept on that number. */
export async function setTierOfNumber(m: EntityManager, id: string, tier: string, at: Date): Promise<void> {
  await m.getRepository(PhoneNumberEntity).update({ id }, { messagingLimitTier: tier, updatedAt: at });
}
