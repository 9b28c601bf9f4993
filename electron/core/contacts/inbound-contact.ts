import type { EntityManager } from 'typeorm';
import { ContactEntity } from '../db/entities/contact';
import { refreshSearchDocs } from './contact-writes';
import { fold, buildSearchDoc } from './search-text';

/**
 * The contact behind an inbound WhatsApp message: found by WhatsApp id (or its phone), else created
 * with the name from their WhatsApp profile. A name the shop typed is never replaced by the
 * profile's; a contact named only by its number gets the profile name.
 */
export async function upsertInboundContact(
  m: EntityManager,
  contact: { waId: string; profileName: string | null; at: Date },
): Promise<number> {
  const repo = m.getRepository(ContactEntity);
  const phone = `+${contact.waId.replace(/\D/g, '')}`;
  const existing = (await repo.findOneBy({ waId: contact.waId })) ?? (await repo.findOneBy({ phone }));
  const profileName = contact.profileName?.trim() || null;
  if (!existing) {
    const name = profileName ?? phone;
    const result = await repo.insert({
      name,
      nameKey: fold(name),
      phone,
      waId: contact.waId,
      email: null,
      status: 'active',
      optedOut: false,
      optedOutAt: null,
      optOutSource: null,
      lastInboundAt: contact.at,
      searchDoc: buildSearchDoc({ waId: contact.waId, name, email: null, tags: [], attributes: {} }),
      createdAt: contact.at,
      updatedAt: contact.at,
    });
    return result.identifiers[0]!.id as number;
  }
  const renamed = profileName && (existing.name === existing.phone || existing.name.trim() === '');
  const later = !existing.lastInboundAt || contact.at > existing.lastInboundAt;
  if (renamed || later) {
    await repo.update(
      { id: existing.id },
      { ...(renamed ? { name: profileName } : {}), ...(later ? { lastInboundAt: contact.at } : {}) },
    );
    if (renamed) await refreshSearchDocs(m, [existing.id], null);
  }
  return existing.id;
}
