import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quick replies (saved answers with a /shortcut), keyword auto-reply rules, and the inbox settings
 * they read (opening hours, the quiet time between automatic replies to one customer).
 */
export class Replies1732408800000 implements MigrationInterface {
  name = 'Replies1732408800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE quick_replies (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      shortcut VARCHAR NOT NULL UNIQUE,
      title VARCHAR NOT NULL DEFAULT '',
      text TEXT NOT NULL,
      media_id INTEGER REFERENCES media(id) ON DELETE SET NULL,
      created_by_user_id INTEGER,
      created_at DATETIME NOT NULL,
      updated_at DATETIME NOT NULL)`);
    await db.query(`CREATE TABLE auto_replies (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name VARCHAR NOT NULL,
      phone_number_id VARCHAR,
      match VARCHAR NOT NULL CHECK (match IN ('equals', 'contains', 'starts_with')),
      keywords TEXT NOT NULL,
      answer TEXT NOT NULL,
      schedule VARCHAR NOT NULL CHECK (schedule IN ('always', 'outside_hours', 'inside_hours')),
      enabled BOOLEAN NOT NULL DEFAULT 1,
      position INTEGER NOT NULL,
      sent_count INTEGER NOT NULL DEFAULT 0,
      last_sent_at DATETIME,
      created_at DATETIME NOT NULL,
      updated_at DATETIME NOT NULL)`);
    await db.query(`CREATE INDEX auto_replies_position ON auto_replies(position)`);
    await db.query(`CREATE TABLE inbox_settings (
      key VARCHAR PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at DATETIME NOT NULL)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE inbox_settings');
    await db.query('DROP TABLE auto_replies');
    await db.query('DROP TABLE quick_replies');
  }
}
