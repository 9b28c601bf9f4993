import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Phone numbers, the webhook inbox, conversations, messages, templates and alerts. */
export class Messaging1732406800000 implements MigrationInterface {
  name = 'Messaging1732406800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE phone_numbers (
      id VARCHAR PRIMARY KEY,
      display_phone_number VARCHAR NOT NULL,
      verified_name VARCHAR,
      quality_rating VARCHAR,
      messaging_limit_tier VARCHAR,
      throughput_mps INTEGER NOT NULL DEFAULT 80,
      status VARCHAR,
      updated_at DATETIME NOT NULL)`);
    await db.query(`CREATE TABLE webhook_inbox (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      received_at DATETIME NOT NULL,
      body_hash VARCHAR NOT NULL UNIQUE,
      body TEXT NOT NULL,
      state VARCHAR NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      next_attempt_at DATETIME,
      processed_at DATETIME)`);
    await db.query(`CREATE INDEX webhook_inbox_pending ON webhook_inbox(state, id)`);
    await db.query(`CREATE TABLE conversations (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      phone_number_id VARCHAR NOT NULL,
      status VARCHAR NOT NULL CHECK (status IN ('open', 'closed')),
      assigned_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
      unread_count INTEGER NOT NULL DEFAULT 0,
      last_message_at DATETIME NOT NULL,
      last_inbound_at DATETIME NOT NULL,
      created_at DATETIME NOT NULL,
      UNIQUE (contact_id, phone_number_id))`);
    await db.query(`CREATE INDEX conversations_recent ON conversations(last_message_at)`);
    await db.query(`CREATE TABLE messages (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      wa_message_id VARCHAR UNIQUE,
      client_ref VARCHAR UNIQUE,
      direction VARCHAR NOT NULL CHECK (direction IN ('in', 'out')),
      contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
      conversation_id INTEGER REFERENCES conversations(id) ON DELETE SET NULL,
      phone_number_id VARCHAR NOT NULL,
      recipient_wa_id VARCHAR NOT NULL,
      type VARCHAR NOT NULL,
      text TEXT,
      payload TEXT NOT NULL DEFAULT '{}',
      status VARCHAR NOT NULL,
      error_code INTEGER,
      error_title VARCHAR,
      error_details TEXT,
      campaign_id INTEGER,
      context_wa_message_id VARCHAR,
      created_at DATETIME NOT NULL,
      sent_at DATETIME,
      delivered_at DATETIME,
      read_at DATETIME,
      failed_at DATETIME)`);
    await db.query(`CREATE INDEX messages_conversation ON messages(conversation_id, id)`);
    await db.query(`CREATE INDEX messages_contact ON messages(contact_id, created_at)`);
    await db.query(`CREATE INDEX messages_campaign ON messages(campaign_id, status)`);
    await db.query(`CREATE TABLE templates (
      id VARCHAR PRIMARY KEY,
      name VARCHAR NOT NULL,
      language VARCHAR NOT NULL,
      category VARCHAR NOT NULL,
      status VARCHAR NOT NULL,
      parameter_format VARCHAR NOT NULL DEFAULT 'POSITIONAL',
      components TEXT NOT NULL DEFAULT '[]',
      rejected_reason VARCHAR,
      updated_at DATETIME NOT NULL,
      UNIQUE (name, language))`);
    await db.query(`CREATE TABLE alerts (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind VARCHAR NOT NULL,
      message TEXT NOT NULL,
      details TEXT NOT NULL DEFAULT '{}',
      created_at DATETIME NOT NULL,
      dismissed_at DATETIME)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'alerts',
      'templates',
      'messages',
      'conversations',
      'webhook_inbox',
      'phone_numbers',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
