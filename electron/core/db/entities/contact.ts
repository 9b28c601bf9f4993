import { EntitySchema } from 'typeorm';
import type { ContactStatus } from '@shared/types/contacts';

/**
 * A customer or lead, one per person: known by phone number, by WhatsApp's business-scoped user id
 * (a customer who hides their number behind a username), or both (migration 0023). Tags and custom attributes live in their own tables so
 * they can be filtered through an index; `nameKey` and `searchDoc` are derived (see
 * contacts/search-text.ts) and kept up to date by the contact services, never set by hand.
 */
export interface ContactRow {
  id: number;
  name: string;
  /** The name folded (lower case, no accents): what the name sort and name-prefix search use. */
  nameKey: string;
  /** E.164, e.g. +919876543210. Unique; null for a customer known only by their user id. */
  phone: string | null;
  waId: string | null;
  /** WhatsApp's business-scoped user id (BSUID), e.g. US.13491208655302741918. Unique. */
  userId: string | null;
  /** The customer's WhatsApp username, when their profile has one. */
  username: string | null;
  email: string | null;
  status: ContactStatus;
  optedOut: boolean;
  optedOutAt: Date | null;
  /** keyword, manual or whatsapp (WhatsApp's own stop, or error 131050 on a send). */
  optOutSource: string | null;
  /** Why, in words: the keyword sent, WhatsApp's text, the error. */
  optOutDetail: string | null;
  /** WhatsApp held back a marketing message (131049): no marketing to them before this time. */
  marketingHeldUntil: Date | null;
  lastInboundAt: Date | null;
  /** Everything free-text search looks at, folded; indexed by the contacts_fts trigram table. */
  searchDoc: string;
  createdAt: Date;
  updatedAt: Date;
}

export const ContactEntity = new EntitySchema<ContactRow>({
  name: 'Contact',
  tableName: 'contacts',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    name: { type: 'varchar' },
    nameKey: { type: 'varchar', name: 'name_key' },
    phone: { type: 'varchar', unique: true, nullable: true },
    waId: { type: 'varchar', name: 'wa_id', nullable: true },
    userId: { type: 'varchar', name: 'user_id', unique: true, nullable: true },
    username: { type: 'varchar', nullable: true },
    email: { type: 'varchar', nullable: true },
    status: { type: 'varchar' },
    optedOut: { type: 'boolean', name: 'opted_out' },
    optedOutAt: { type: 'datetime', name: 'opted_out_at', nullable: true },
    optOutSource: { type: 'varchar', name: 'opt_out_source', nullable: true },
    optOutDetail: { type: 'text', name: 'opt_out_detail', nullable: true },
    marketingHeldUntil: { type: 'datetime', name: 'marketing_held_until', nullable: true },
    lastInboundAt: { type: 'datetime', name: 'last_inbound_at', nullable: true },
    searchDoc: { type: 'text', name: 'search_doc' },
    createdAt: { type: 'datetime', name: 'created_at' },
    updatedAt: { type: 'datetime', name: 'updated_at' },
  },
});

export interface ContactTagRow {
  contactId: number;
  tag: string;
}

export const ContactTagEntity = new EntitySchema<ContactTagRow>({
  name: 'ContactTag',
  tableName: 'contact_tags',
  columns: {
    contactId: { type: 'integer', primary: true, name: 'contact_id' },
    tag: { type: 'varchar', primary: true },
  },
  // Declared as the migrations made them; tests/integration/foundation/schema-drift.test.ts compares.
  foreignKeys: [
    { target: 'Contact', columnNames: ['contact_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
  ],
});

export interface ContactAttributeRow {
  contactId: number;
  key: string;
  value: string;
}

export const ContactAttributeEntity = new EntitySchema<ContactAttributeRow>({
  name: 'ContactAttribute',
  tableName: 'contact_attributes',
  columns: {
    contactId: { type: 'integer', primary: true, name: 'contact_id' },
    key: { type: 'varchar', primary: true },
    value: { type: 'varchar' },
  },
  // Declared as the migrations made them; tests/integration/foundation/schema-drift.test.ts compares.
  foreignKeys: [
    { target: 'Contact', columnNames: ['contact_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
  ],
});
