import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaigns and their lists; what the runner needs on message rows: attempts and the next try,
 * test sends kept out of figures, and at most one message per phone number per campaign, which is
 * what makes "never sends twice" a property of the database, not only of the runner.
 */
export class Campaigns1732407400000 implements MigrationInterface {
  name = 'Campaigns1732407400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE campaigns (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name VARCHAR NOT NULL,
      status VARCHAR NOT NULL CHECK (status IN ('draft', 'scheduled', 'running', 'paused', 'finished', 'cancelled')),
      phone_number_id VARCHAR NOT NULL,
      template_id VARCHAR NOT NULL,
      template_name VARCHAR NOT NULL,
      template_language VARCHAR NOT NULL,
      variables TEXT NOT NULL DEFAULT '[]',
      media_header TEXT,
      opt_out_keywords TEXT NOT NULL DEFAULT '["STOP"]',
      messages_per_second INTEGER,
      scheduled_at DATETIME,
      started_at DATETIME,
      finished_at DATETIME,
      notice TEXT,
      retarget_of_campaign_id INTEGER REFERENCES campaigns(id) ON DELETE SET NULL,
      created_by_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
      created_at DATETIME NOT NULL,
      updated_at DATETIME NOT NULL)`);
    await db.query(`CREATE INDEX campaigns_due ON campaigns(status, scheduled_at)`);
    await db.query(`CREATE TABLE campaign_lists (
      campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      list_id INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
      PRIMARY KEY (campaign_id, list_id))`);
    await db.query(`ALTER TABLE messages ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0`);
    await db.query(`ALTER TABLE messages ADD COLUMN next_attempt_at DATETIME`);
    await db.query(`ALTER TABLE messages ADD COLUMN is_test BOOLEAN NOT NULL DEFAULT 0`);
    await db.query(
      `CREATE UNIQUE INDEX messages_campaign_recipient ON messages(campaign_id, recipient_wa_id)
       WHERE campaign_id IS NOT NULL AND is_test = 0`,
    );
    await db.query(`CREATE INDEX messages_campaign_due ON messages(campaign_id, status, next_attempt_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX messages_campaign_due');
    await db.query('DROP INDEX messages_campaign_recipient');
    await db.query('ALTER TABLE messages DROP COLUMN is_test');
    await db.query('ALTER TABLE messages DROP COLUMN next_attempt_at');
    await db.query('ALTER TABLE messages DROP COLUMN attempts');
    await db.query('DROP TABLE campaign_lists');
    await db.query('DROP TABLE campaigns');
  }
}
