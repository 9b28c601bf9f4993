import { PhoneNumberEntity } from '../db/entities/messaging';
import type { PhoneNumberRow } from '../db/entities/messaging';
import type { ReadManager } from '../db/read-db';

/**
 * How other domains read the business's phone numbers: this folder owns `phone_numbers` (issue 9),
 * so the lookups the campaigns, the inbox, the dashboard and settings need live here.
 */

/** Every number the account has, in a stable order (the first is the default sender). */
export function allPhoneNumbers(m: ReadManager): Promise<PhoneNumberRow[]> {
  return m.getRepository(PhoneNumberEntity).find({ order: { id: 'ASC' } });
}

/** One number by its WhatsApp phone number id, or null when the account has no such number. */
export function phoneNumberById(m: ReadManager, id: string): Promise<PhoneNumberRow | null> {
  return m.getRepository(PhoneNumberEntity).findOneBy({ id });
}

export function phoneNumberExists(m: ReadManager, id: string): Promise<boolean> {
  return m.getRepository(PhoneNumberEntity).existsBy({ id });
}
