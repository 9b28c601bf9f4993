import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * - message_status_events: every status WhatsApp reported for an outbound message, in the order it
 *   happened. A late `failed` after `read` is kept here instead of on the message, so the message's
 *   own error fields only ever describe a failed message. Pricing columns are there for the
 *   dashboard's costs; nothing fills them yet. One row per message and status: a status repeated
 *   in another delivery changes nothing, and the first time reported is kept.
 * - messages.unconfirmed_at: when a row became `unconfirmed` (the app stopped, or the send call
 *   timed out). Sending it again is offered only after a quiet period without any status, counted
 *   from here. Rows already unconfirmed count from this upgrade.
 * - Campaign notices about unconfirmed rows are no longer stored (the campaign's unconfirmed
 *   figures are read from the rows, so the warning goes away with the last of them): old ones go.
 * - webhook_inbox_processed: the daily purge of processed deliveries finds old ones by this index.
 */
export class StatusHistory1732407800000 implements MigrationInterface {
  name = 'StatusHistory1732407800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE message_status_events (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
      status VARCHAR NOT NULL CHECK (status IN ('sent', 'delivered', 'read', 'failed')),
      at DATETIME NOT NULL,
      error_code INTEGER,
      error_title VARCHAR,
      error_details TEXT,
      pricing_billable BOOLEAN,
      pricing_model VARCHAR,
      pricing_category VARCHAR,
      pricing_type VARCHAR,
      recorded_at DATETIME NOT NULL)`);
    await db.query(
      `CREATE UNIQUE INDEX message_status_events_once ON message_status_events(message_id, status)`,
    );
    await db.query(`ALTER TABLE messages ADD COLUMN unconfirmed_at DATETIME`);
    await db.query(
      `UPDATE messages SET unconfirmed_at = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE status = 'unconfirmed'`,
    );
    await db.query(
      `UPDATE campaigns SET notice = NULL
        WHERE notice LIKE '%may or may not have been sent: the app stopped while waiting for WhatsApp%'`,
    );
    await db.query(`CREATE INDEX webhook_inbox_processed ON webhook_inbox(state, processed_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX webhook_inbox_processed');
    await db.query('ALTER TABLE messages DROP COLUMN unconfirmed_at');
    await db.query('DROP TABLE message_status_events');
  }
}
