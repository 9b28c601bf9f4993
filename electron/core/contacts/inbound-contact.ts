import type { EntityManager } from 'typeorm';
import { ContactEntity, type ContactRow } from '../db/entities/contact';
import { refreshSearchDocs } from './contact-writes';
import { fold, buildSearchDoc } from './search-text';

/** Who wrote, as a webhook names them: a WhatsApp id, a business-scoped user id, or both. */
export interface InboundCustomer {
  waId: string | null;
  userId: string | null;
  username: string | null;
  profileName: string | null;
  at: Date;
  /** False when it is not a message (WhatsApp's stop button): then it says nothing of when they wrote. */
  wrote?: boolean;
}

/**
 * Joins two contacts found to be one customer (a message carried both a number and a user id that
 * were known apart), inside the caller's transaction: the first is kept, the second merged into it.
 */
export type ContactJoiner = (m: EntityManager, keepId: number, mergeId: number) => Promise<void>;

/**
 * The contact behind an inbound WhatsApp message: found by WhatsApp id (or its phone) or by user id,
 * else created with the name from their WhatsApp profile. When the message names both and they
 * belong to two contacts, the two are joined (never two contacts for one person): the one with the
 * number is kept. Keys and the username missing from the contact are filled in. A name the shop
 * typed is never replaced by the profile's; a contact named only by its number gets the profile name.
 */
export async function upsertInboundContact(
  m: EntityManager,
  customer: InboundCustomer,
  join: ContactJoiner,
): Promise<number> {
  const repo = m.getRepository(ContactEntity);
  const phone = phoneOf(customer.waId);
  const { byNumber, byUser } = await findBoth(m, customer);
  const profileName = customer.profileName?.trim() || null;
  const wrote = customer.wrote ?? true;

  const joining = byNumber !== null && byUser !== null && byNumber.id !== byUser.id;
  if (joining) await join(m, byNumber.id, byUser.id);
  // Read again only after a join, which changed the contact kept; otherwise what was found is current.
  const existing = joining ? await repo.findOneByOrFail({ id: byNumber.id }) : (byNumber ?? byUser);
  if (!existing) {
    const name = profileName ?? phone ?? (customer.username ? `@${customer.username}` : customer.userId!);
    const result = await repo.insert({
      name,
      nameKey: fold(name),
      phone,
      waId: customer.waId,
      userId: customer.userId,
      username: customer.username,
      email: null,
      status: 'active',
      optedOut: false,
      optedOutAt: null,
      optOutSource: null,
      lastInboundAt: wrote ? customer.at : null,
      searchDoc: buildSearchDoc({
        waId: customer.waId,
        username: customer.username,
        name,
        email: null,
        tags: [],
        attributes: {},
      }),
      createdAt: customer.at,
      updatedAt: customer.at,
    });
    return result.identifiers[0]!.id as number;
  }

  const changes: Partial<ContactRow> = {};
  if (profileName && namedByKey(existing)) changes.name = profileName;
  if (wrote && (!existing.lastInboundAt || customer.at > existing.lastInboundAt))
    changes.lastInboundAt = customer.at;
  // What WhatsApp names now wins: a message with both keys may bring a user id that changed without
  // a `user_changed_user_id` (no other contact holds it: findBoth found none, or it was joined).
  if (customer.userId && customer.userId !== existing.userId) changes.userId = customer.userId;
  if (customer.username && customer.username !== existing.username) changes.username = customer.username;
  if (customer.waId && !existing.waId) {
    changes.waId = customer.waId;
    // Another contact may hold this number without its WhatsApp id (typed in by hand): keep it there.
    if (!existing.phone && !(await repo.existsBy({ phone: phone! }))) changes.phone = phone;
  }
  if (Object.keys(changes).length) {
    await repo.update({ id: existing.id }, changes);
    if (changes.name || changes.username || changes.waId) await refreshSearchDocs(m, [existing.id], null);
  }
  return existing.id;
}

/** The contact a customer's keys name, without making one (WhatsApp's resume, edits, reactions). */
export async function findInboundContact(
  m: EntityManager,
  keys: Pick<InboundCustomer, 'waId' | 'userId'>,
): Promise<number | null> {
  const { byNumber, byUser } = await findBoth(m, keys);
  return (byNumber ?? byUser)?.id ?? null;
}

async function findBoth(m: EntityManager, keys: Pick<InboundCustomer, 'waId' | 'userId'>) {
  const repo = m.getRepository(ContactEntity);
  const phone = phoneOf(keys.waId);
  const byNumber = keys.waId
    ? ((await repo.findOneBy({ waId: keys.waId })) ?? (await repo.findOneBy({ phone: phone! })))
    : null;
  const byUser = keys.userId ? await repo.findOneBy({ userId: keys.userId }) : null;
  return { byNumber, byUser };
}

function phoneOf(waId: string | null): string | null {
  return waId ? `+${waId.replace(/\D/g, '')}` : null;
}

/** Named by nothing the shop typed: its number, its username or its user id. */
function namedByKey(contact: ContactRow): boolean {
  const name = contact.name.trim();
  return (
    name === '' ||
    name === contact.phone ||
    name === contact.userId ||
    (contact.username !== null && name === `@${contact.username}`)
  );
}

/**
 * A `user_changed_user_id` system message: the customer's business-scoped user id is now `newUserId`.
 * A contact already holding the new id (a message under it came first) is joined into this one.
 */
export async function changeUserId(
  m: EntityManager,
  contactId: number,
  newUserId: string,
  join: ContactJoiner,
): Promise<void> {
  const repo = m.getRepository(ContactEntity);
  const holder = await repo.findOneBy({ userId: newUserId });
  if (holder?.id === contactId) return;
  // The join keeps this contact's old id; the new one is the customer's now.
  if (holder) await join(m, contactId, holder.id);
  await repo.update({ id: contactId }, { userId: newUserId });
}

/** What the webhook processor needs of contacts, with the join it should use (ContactService's). */
export function inboundContacts(join: ContactJoiner) {
  return {
    upsert: (m: EntityManager, customer: InboundCustomer) => upsertInboundContact(m, customer, join),
    find: findInboundContact,
    changeUserId: (m: EntityManager, contactId: number, newUserId: string) =>
      changeUserId(m, contactId, newUserId, join),
  };
}
