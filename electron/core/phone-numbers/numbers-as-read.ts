import type { EntityManager } from 'typeorm';
import { PhoneNumberEntity, type PhoneNumberRow } from '../db/entities/messaging';

/**
 * Keeps numbers as WhatsApp just reported them (a sync, or one number read again after a
 * registration step): new ones added, known ones overwritten. This folder owns `phone_numbers`
 * (issue 9); the write joins the caller's transaction, beside the quality history it records.
 */
export async function keepNumbersAsRead(m: EntityManager, rows: PhoneNumberRow[]): Promise<void> {
  await m.getRepository(PhoneNumberEntity).save(rows);
}
