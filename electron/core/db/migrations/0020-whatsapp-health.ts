import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How healthy and how costly the shop's WhatsApp is (issue 13, items 2–5):
 *
 * - contacts.opt_out_detail: why a contact is opted out, in words (WhatsApp's own "stop" and its
 *   text, error 131050 on a send, the keyword they sent). `opt_out_source` gains 'whatsapp'.
 *   contacts.marketing_held_until: WhatsApp held back a marketing message to them (131049); no
 *   marketing is sent to them before this time. Not an opt-out.
 * - messages.pricing_*: the pricing WhatsApp last reported in a status (category, type, billable),
 *   so a message is counted once in what it cost even though two statuses carry pricing.
 * - templates: the quality WhatsApp gives a template, why it was paused or disabled, and the
 *   category it had before WhatsApp changed it.
 * - messaging_limit (one row): the business portfolio's messaging limit, shared by all its numbers.
 * - portfolio_reach: each customer reached with a template outside a service window, with the last
 *   time (across every number of the portfolio): what Meta counts against the messaging limit in a
 *   moving 24 hours. A trigger keeps it as messages go out, whoever sends them (campaigns, the
 *   inbox, the token API); only the latest reach of a customer matters to a moving window.
 * - quality_history: every change of a number's or a template's quality WhatsApp reported.
 * - price_table, price_settings: what the shop pays per message, by pricing category and country
 *   (`*` for every other country), in one currency; prices are kept in millionths, never floats.
 * - pricing_buckets, campaign_pricing: messages by pricing category, type, recipient country and
 *   whether billable, per quarter hour (UTC; summed into days of any time zone) and per campaign.
 *   Written with the status that first carries the pricing, in its transaction.
 */
export class WhatsAppHealth1732410200000 implements MigrationInterface {
  name = 'WhatsAppHealth1732410200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE contacts ADD COLUMN opt_out_detail TEXT`);
    await db.query(`ALTER TABLE contacts ADD COLUMN marketing_held_until DATETIME`);
    await db.query(`ALTER TABLE messages ADD COLUMN pricing_category VARCHAR`);
    await db.query(`ALTER TABLE messages ADD COLUMN pricing_type VARCHAR`);
    await db.query(`ALTER TABLE messages ADD COLUMN pricing_billable BOOLEAN`);
    await db.query(`ALTER TABLE templates ADD COLUMN quality_score VARCHAR`);
    await db.query(`ALTER TABLE templates ADD COLUMN quality_updated_at DATETIME`);
    await db.query(`ALTER TABLE templates ADD COLUMN status_reason TEXT`);
    await db.query(`ALTER TABLE templates ADD COLUMN previous_category VARCHAR`);
    await db.query(`ALTER TABLE templates ADD COLUMN category_changed_at DATETIME`);

    await db.query(`CREATE TABLE messaging_limit (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      tier VARCHAR NOT NULL,
      daily_limit INTEGER,
      source VARCHAR NOT NULL,
      updated_at DATETIME NOT NULL)`);

    await db.query(`CREATE TABLE portfolio_reach (
      wa_id VARCHAR PRIMARY KEY,
      reached_at DATETIME NOT NULL,
      phone_number_id VARCHAR NOT NULL) WITHOUT ROWID`);
    await db.query(`CREATE INDEX portfolio_reach_at ON portfolio_reach(reached_at)`);
    // A template reached the customer (it has a sent, delivered or read time for the first time)
    // while they had not written to that number in the 24 hours before: Meta counts them.
    const reachedAt = 'COALESCE(NEW.sent_at, NEW.delivered_at, NEW.read_at)';
    const outsideWindow = `NEW.direction = 'out' AND NEW.type = 'template' AND ${reachedAt} IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM messages i
        WHERE i.recipient_wa_id = NEW.recipient_wa_id AND i.direction = 'in'
          AND i.phone_number_id = NEW.phone_number_id
          AND i.created_at > strftime('%Y-%m-%d %H:%M:%f', ${reachedAt}, '-1 day')
          AND i.created_at <= ${reachedAt})`;
    const remember = `INSERT INTO portfolio_reach (wa_id, reached_at, phone_number_id)
        VALUES (NEW.recipient_wa_id, ${reachedAt}, NEW.phone_number_id)
        ON CONFLICT (wa_id) DO UPDATE SET reached_at = excluded.reached_at,
          phone_number_id = excluded.phone_number_id
        WHERE excluded.reached_at > portfolio_reach.reached_at;`;
    await db.query(`CREATE TRIGGER portfolio_reach_insert AFTER INSERT ON messages
      WHEN ${outsideWindow}
      BEGIN ${remember} END`);
    await db.query(`CREATE TRIGGER portfolio_reach_update AFTER UPDATE OF sent_at, delivered_at, read_at ON messages
      WHEN COALESCE(OLD.sent_at, OLD.delivered_at, OLD.read_at) IS NULL AND ${outsideWindow}
      BEGIN ${remember} END`);
    // What an upgrade starts with: the last day's reach, as the trigger would have kept it.
    await db.query(`INSERT INTO portfolio_reach (wa_id, reached_at, phone_number_id)
      SELECT m.recipient_wa_id, max(COALESCE(m.sent_at, m.delivered_at, m.read_at)), max(m.phone_number_id)
        FROM messages m
       WHERE m.direction = 'out' AND m.type = 'template'
         AND COALESCE(m.sent_at, m.delivered_at, m.read_at) >= strftime('%Y-%m-%d %H:%M:%f', 'now', '-1 day')
         AND NOT EXISTS (SELECT 1 FROM messages i
           WHERE i.recipient_wa_id = m.recipient_wa_id AND i.direction = 'in'
             AND i.phone_number_id = m.phone_number_id
             AND i.created_at > strftime('%Y-%m-%d %H:%M:%f', COALESCE(m.sent_at, m.delivered_at, m.read_at), '-1 day')
             AND i.created_at <= COALESCE(m.sent_at, m.delivered_at, m.read_at))
       GROUP BY m.recipient_wa_id`);

    await db.query(`CREATE TABLE quality_history (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      subject VARCHAR NOT NULL CHECK (subject IN ('phone_number', 'template')),
      subject_id VARCHAR NOT NULL,
      subject_name VARCHAR NOT NULL,
      rating VARCHAR,
      previous_rating VARCHAR,
      event VARCHAR,
      detail TEXT,
      at DATETIME NOT NULL)`);
    await db.query(`CREATE INDEX quality_history_at ON quality_history(at)`);
    await db.query(`CREATE INDEX quality_history_subject ON quality_history(subject, subject_id, at)`);

    await db.query(`CREATE TABLE price_table (
      category VARCHAR NOT NULL,
      country VARCHAR NOT NULL,
      price_micros INTEGER NOT NULL CHECK (price_micros >= 0),
      PRIMARY KEY (category, country)) WITHOUT ROWID`);
    await db.query(`CREATE TABLE price_settings (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      currency VARCHAR NOT NULL,
      updated_at DATETIME NOT NULL,
      updated_by_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL)`);

    await db.query(`CREATE TABLE pricing_buckets (
      bucket INTEGER NOT NULL,
      category VARCHAR NOT NULL,
      type VARCHAR NOT NULL,
      country VARCHAR NOT NULL,
      billable BOOLEAN NOT NULL,
      messages INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (bucket, category, type, country, billable)) WITHOUT ROWID`);
    await db.query(`CREATE TABLE campaign_pricing (
      campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      category VARCHAR NOT NULL,
      type VARCHAR NOT NULL,
      country VARCHAR NOT NULL,
      billable BOOLEAN NOT NULL,
      messages INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (campaign_id, category, type, country, billable)) WITHOUT ROWID`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const statement of [
      'DROP TABLE campaign_pricing',
      'DROP TABLE pricing_buckets',
      'DROP TABLE price_settings',
      'DROP TABLE price_table',
      'DROP TABLE quality_history',
      'DROP TRIGGER portfolio_reach_update',
      'DROP TRIGGER portfolio_reach_insert',
      'DROP TABLE portfolio_reach',
      'DROP TABLE messaging_limit',
      'ALTER TABLE templates DROP COLUMN category_changed_at',
      'ALTER TABLE templates DROP COLUMN previous_category',
      'ALTER TABLE templates DROP COLUMN status_reason',
      'ALTER TABLE templates DROP COLUMN quality_updated_at',
      'ALTER TABLE templates DROP COLUMN quality_score',
      'ALTER TABLE messages DROP COLUMN pricing_billable',
      'ALTER TABLE messages DROP COLUMN pricing_type',
      'ALTER TABLE messages DROP COLUMN pricing_category',
      'ALTER TABLE contacts DROP COLUMN marketing_held_until',
      'ALTER TABLE contacts DROP COLUMN opt_out_detail',
    ]) {
      await db.query(statement);
    }
  }
}
