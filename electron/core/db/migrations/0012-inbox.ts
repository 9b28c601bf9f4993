import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The shared inbox: what a conversation row keeps so the list never scans messages, what a message
 * row keeps of its sender and of the customer's edits, deletions and reactions, labels, private
 * notes, each member's availability, and the full-text index over message text.
 *
 * Index design (50,000 conversations and 1,000,000 messages: a page of a view with its counts in
 * well under 20 ms, a thread page in a few ms):
 * - each view is an index range walked newest first, so `ORDER BY last_message_at DESC, id DESC
 *   LIMIT n` reads n rows: open/resolved by status, "mine" and "unassigned" by assignee first, a
 *   phone number filter by number first;
 * - unread conversations are few: a partial index holds only them (with what the views and the
 *   number filter read), so the unread counts of every view are one pass over that small index;
 * - a thread is read through messages_conversation (conversation_id, id), keyset by message id;
 * - `messages_fts` is an external-content FTS5 trigram index over the text of conversation messages
 *   (campaign sends are left out: their text is the template, the same for thousands of customers,
 *   and indexing them would slow the runner). Triggers keep it in step; each statement carries its
 *   own condition so a row is deleted from the index only if it was in it.
 */
export class Inbox1732408600000 implements MigrationInterface {
  name = 'Inbox1732408600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE conversations ADD COLUMN last_message_id INTEGER`);
    await db.query(`ALTER TABLE conversations ADD COLUMN assigned_at DATETIME`);
    await db.query(`ALTER TABLE conversations ADD COLUMN resolved_at DATETIME`);
    await db.query(`ALTER TABLE conversations ADD COLUMN last_auto_reply_at DATETIME`);
    // Every status, newest first: what a search of "All" walks (it finds resolved ones too).
    await db.query(`DROP INDEX conversations_recent`);
    await db.query(`CREATE INDEX conversations_recent ON conversations(last_message_at, id)`);
    await db.query(`CREATE INDEX conversations_view ON conversations(status, last_message_at, id)`);
    await db.query(
      `CREATE INDEX conversations_assignee_view ON conversations(assigned_user_id, status, last_message_at, id)`,
    );
    await db.query(
      `CREATE INDEX conversations_number_view ON conversations(phone_number_id, status, last_message_at, id)`,
    );
    await db.query(
      `CREATE INDEX conversations_unread ON conversations(status, assigned_user_id, phone_number_id, unread_count)
         WHERE unread_count > 0`,
    );

    // Members are disabled, never deleted, so no foreign key: the sender's name stays findable.
    await db.query(`ALTER TABLE messages ADD COLUMN sent_by_user_id INTEGER`);
    await db.query(`ALTER TABLE messages ADD COLUMN auto_reply_id INTEGER`);
    await db.query(`ALTER TABLE messages ADD COLUMN edited_at DATETIME`);
    await db.query(`ALTER TABLE messages ADD COLUMN deleted_at DATETIME`);
    await db.query(`ALTER TABLE messages ADD COLUMN reaction VARCHAR`);
    await db.query(`ALTER TABLE messages ADD COLUMN reacted_at DATETIME`);
    // The inbox's sender picks up queued one-off messages (campaign rows have their own runner).
    await db.query(
      `CREATE INDEX messages_outbox ON messages(status, next_attempt_at)
         WHERE campaign_id IS NULL AND direction = 'out' AND status = 'queued'`,
    );

    await db.query(`CREATE TABLE conversation_labels (
      conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
      label VARCHAR NOT NULL,
      PRIMARY KEY (conversation_id, label)) WITHOUT ROWID`);
    await db.query(`CREATE INDEX conversation_labels_label ON conversation_labels(label, conversation_id)`);

    await db.query(`CREATE TABLE conversation_notes (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
      author_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
      text TEXT NOT NULL,
      created_at DATETIME NOT NULL)`);
    await db.query(`CREATE INDEX conversation_notes_conversation ON conversation_notes(conversation_id, id)`);

    await db.query(`CREATE TABLE inbox_preferences (
      user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      available BOOLEAN NOT NULL DEFAULT 1,
      updated_at DATETIME NOT NULL)`);

    await db.query(`CREATE VIRTUAL TABLE messages_fts USING fts5(
      text, content='messages', content_rowid='id', tokenize='trigram')`);
    await db.query(`CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages
      WHEN new.campaign_id IS NULL AND new.text IS NOT NULL BEGIN
      INSERT INTO messages_fts(rowid, text) VALUES (new.id, new.text);
    END`);
    await db.query(`CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
      WHEN old.campaign_id IS NULL AND old.text IS NOT NULL BEGIN
      INSERT INTO messages_fts(messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END`);
    await db.query(`CREATE TRIGGER messages_fts_update AFTER UPDATE OF text, campaign_id ON messages BEGIN
      INSERT INTO messages_fts(messages_fts, rowid, text)
        SELECT 'delete', old.id, old.text WHERE old.campaign_id IS NULL AND old.text IS NOT NULL;
      INSERT INTO messages_fts(rowid, text)
        SELECT new.id, new.text WHERE new.campaign_id IS NULL AND new.text IS NOT NULL;
    END`);

    // Existing data: campaign messages sent before the customer wrote join their conversation, each
    // conversation points at its newest message, and conversation text is indexed.
    await db.query(`UPDATE messages SET conversation_id = (
        SELECT c.id FROM conversations c
         WHERE c.contact_id = messages.contact_id AND c.phone_number_id = messages.phone_number_id)
      WHERE conversation_id IS NULL AND direction = 'out' AND contact_id IS NOT NULL`);
    await db.query(`UPDATE conversations SET last_message_id = (
        SELECT max(m.id) FROM messages m WHERE m.conversation_id = conversations.id)`);
    await db.query(`INSERT INTO messages_fts(rowid, text)
      SELECT id, text FROM messages WHERE campaign_id IS NULL AND text IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const trigger of ['messages_fts_update', 'messages_fts_delete', 'messages_fts_insert']) {
      await db.query(`DROP TRIGGER ${trigger}`);
    }
    await db.query(`DROP TABLE messages_fts`);
    await db.query(`DROP TABLE inbox_preferences`);
    await db.query(`DROP TABLE conversation_notes`);
    await db.query(`DROP TABLE conversation_labels`);
    await db.query(`DROP INDEX messages_outbox`);
    for (const column of [
      'reacted_at',
      'reaction',
      'deleted_at',
      'edited_at',
      'auto_reply_id',
      'sent_by_user_id',
    ]) {
      await db.query(`ALTER TABLE messages DROP COLUMN ${column}`);
    }
    for (const index of [
      'conversations_unread',
      'conversations_number_view',
      'conversations_assignee_view',
      'conversations_view',
    ]) {
      await db.query(`DROP INDEX ${index}`);
    }
    await db.query(`DROP INDEX conversations_recent`);
    await db.query(`CREATE INDEX conversations_recent ON conversations(last_message_at)`);
    for (const column of ['last_auto_reply_at', 'resolved_at', 'assigned_at', 'last_message_id']) {
      await db.query(`ALTER TABLE conversations DROP COLUMN ${column}`);
    }
  }
}
