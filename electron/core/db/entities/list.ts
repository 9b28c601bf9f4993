import { EntitySchema } from 'typeorm';

/** A named list of contacts that campaigns send to. Deleting a list never deletes its contacts. */
export interface ListRow {
  id: number;
  name: string;
  description: string;
  /** A handful of labels such as `retarget`; lists are few, so a JSON column is enough. */
  tags: string[];
  /** The campaign a retarget list came from. No foreign key yet: campaigns arrive in a later issue. */
  linkedCampaignId: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export const ListEntity = new EntitySchema<ListRow>({
  name: 'List',
  tableName: 'lists',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    name: { type: 'varchar', unique: true },
    description: { type: 'varchar' },
    tags: { type: 'simple-json' },
    linkedCampaignId: { type: 'integer', name: 'linked_campaign_id', nullable: true },
    createdAt: { type: 'datetime', name: 'created_at' },
    updatedAt: { type: 'datetime', name: 'updated_at' },
  },
});

/**
 * A contact's place on a list. Unsubscribing keeps the row (subscribed = false, unsubscribedAt set),
 * so the list remembers who was on it; removing a contact from a list deletes the row.
 */
export interface ListMemberRow {
  listId: number;
  contactId: number;
  subscribed: boolean;
  subscribedAt: Date;
  unsubscribedAt: Date | null;
}

export const ListMemberEntity = new EntitySchema<ListMemberRow>({
  name: 'ListMember',
  tableName: 'list_members',
  columns: {
    listId: { type: 'integer', primary: true, name: 'list_id' },
    contactId: { type: 'integer', primary: true, name: 'contact_id' },
    subscribed: { type: 'boolean' },
    subscribedAt: { type: 'datetime', name: 'subscribed_at' },
    unsubscribedAt: { type: 'datetime', name: 'unsubscribed_at', nullable: true },
  },
  // Declared as the migrations made them; tests/integration/foundation/schema-drift.test.ts compares.
  foreignKeys: [
    { target: 'Contact', columnNames: ['contact_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
    { target: 'List', columnNames: ['list_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
  ],
});
