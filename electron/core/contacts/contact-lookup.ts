import { ContactEntity, type ContactRow } from '../db/entities/contact';
import { loadAttributes } from './contact-rows';
import type { ReadManager } from '../db/read-db';

/** How other domains read one contact: this folder owns `contacts` (issue 9). */
export function contactById(m: ReadManager, id: number): Promise<ContactRow | null> {
  return m.getRepository(ContactEntity).findOneBy({ id });
}

/** By E.164 number (`+91…`) or, for a customer who hides their number, by WhatsApp user id. */
export function contactByAddress(
  m: ReadManager,
  address: { phone: string } | { userId: string },
): Promise<ContactRow | null> {
  return m.getRepository(ContactEntity).findOneBy(address);
}

/** A contact's custom attributes as `key → value`, what template variables are filled from. */
export async function attributesOfContact(
  m: ReadManager,
  contactId: number,
): Promise<Record<string, string>> {
  return (await loadAttributes(m, [contactId])).get(contactId) ?? {};
}
