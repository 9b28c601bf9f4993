import { EntitySchema } from 'typeorm';

/** A label on a conversation (free text, like contact tags). */
export interface ConversationLabelRow {
  conversationId: number;
  label: string;
}

export const ConversationLabelEntity = new EntitySchema<ConversationLabelRow>({
  name: 'ConversationLabel',
  tableName: 'conversation_labels',
  columns: {
    conversationId: { type: 'integer', primary: true, name: 'conversation_id' },
    label: { type: 'varchar', primary: true },
  },
  // Declared as the migrations made them; tests/integration/foundation/schema-drift.test.ts compares.
  foreignKeys: [
    {
      target: 'Conversation',
      columnNames: ['conversation_id'],
      referencedColumnNames: ['id'],
      onDelete: 'CASCADE',
    },
  ],
});

/** A private note on a conversation: seen by the team, never sent. */
export interface ConversationNoteRow {
  id: number;
  conversationId: number;
  authorUserId: number | null;
  text: string;
  createdAt: Date;
}

export const ConversationNoteEntity = new EntitySchema<ConversationNoteRow>({
  name: 'ConversationNote',
  tableName: 'conversation_notes',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    conversationId: { type: 'integer', name: 'conversation_id' },
    authorUserId: { type: 'integer', name: 'author_user_id', nullable: true },
    text: { type: 'text' },
    createdAt: { type: 'datetime', name: 'created_at' },
  },
  foreignKeys: [
    {
      target: 'Conversation',
      columnNames: ['conversation_id'],
      referencedColumnNames: ['id'],
      onDelete: 'CASCADE',
    },
    { target: 'User', columnNames: ['author_user_id'], referencedColumnNames: ['id'], onDelete: 'SET NULL' },
  ],
});

/** A member's inbox preferences; no row means the defaults (available). */
export interface InboxPreferenceRow {
  userId: number;
  available: boolean;
  updatedAt: Date;
}

export const InboxPreferenceEntity = new EntitySchema<InboxPreferenceRow>({
  name: 'InboxPreference',
  tableName: 'inbox_preferences',
  columns: {
    userId: { type: 'integer', primary: true, name: 'user_id' },
    available: { type: 'boolean', default: true },
    updatedAt: { type: 'datetime', name: 'updated_at' },
  },
  foreignKeys: [
    { target: 'User', columnNames: ['user_id'], referencedColumnNames: ['id'], onDelete: 'CASCADE' },
  ],
});

/** A saved answer with a /shortcut. */
export interface QuickReplyRow {
  id: number;
  shortcut: string;
  title: string;
  text: string;
  mediaId: number | null;
  createdByUserId: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export const QuickReplyEntity = new EntitySchema<QuickReplyRow>({
  name: 'QuickReply',
  tableName: 'quick_replies',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    shortcut: { type: 'varchar', unique: true },
    title: { type: 'varchar', default: '' },
    text: { type: 'text' },
    mediaId: { type: 'integer', name: 'media_id', nullable: true },
    createdByUserId: { type: 'integer', name: 'created_by_user_id', nullable: true },
    createdAt: { type: 'datetime', name: 'created_at' },
    updatedAt: { type: 'datetime', name: 'updated_at' },
  },
  foreignKeys: [
    { target: 'Media', columnNames: ['media_id'], referencedColumnNames: ['id'], onDelete: 'SET NULL' },
  ],
});

/** A keyword auto-reply rule; `keywords` and `answer` are JSON. */
export interface AutoReplyRow {
  id: number;
  name: string;
  phoneNumberId: string | null;
  match: 'equals' | 'contains' | 'starts_with';
  keywords: string;
  answer: string;
  schedule: 'always' | 'outside_hours' | 'inside_hours';
  enabled: boolean;
  position: number;
  sentCount: number;
  lastSentAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const AutoReplyEntity = new EntitySchema<AutoReplyRow>({
  name: 'AutoReply',
  tableName: 'auto_replies',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    name: { type: 'varchar' },
    phoneNumberId: { type: 'varchar', name: 'phone_number_id', nullable: true },
    match: { type: 'varchar' },
    keywords: { type: 'text' },
    answer: { type: 'text' },
    schedule: { type: 'varchar' },
    enabled: { type: 'boolean', default: true },
    position: { type: 'integer' },
    sentCount: { type: 'integer', name: 'sent_count', default: 0 },
    lastSentAt: { type: 'datetime', name: 'last_sent_at', nullable: true },
    createdAt: { type: 'datetime', name: 'created_at' },
    updatedAt: { type: 'datetime', name: 'updated_at' },
  },
});

/** A setting of the inbox (opening hours, quiet time), JSON by key. */
export interface InboxSettingRow {
  key: string;
  value: string;
  updatedAt: Date;
}

export const InboxSettingEntity = new EntitySchema<InboxSettingRow>({
  name: 'InboxSetting',
  tableName: 'inbox_settings',
  columns: {
    key: { type: 'varchar', primary: true },
    value: { type: 'text' },
    updatedAt: { type: 'datetime', name: 'updated_at' },
  },
});
