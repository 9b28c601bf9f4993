import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customers known by phone number, by business-scoped user id (BSUID), or both (issue 13, item 1;
 * reference §10): from mid-2026 a customer with a WhatsApp username may hide their number, and the
 * webhooks then carry only `user_id` (e.g. `US.13491208655302741918`) and `profile.username`.
 *
 * - `phone` and `wa_id` become nullable (`phone` stays UNIQUE: SQLite lets NULLs repeat);
 * - `user_id` (UNIQUE) and `username` are added; a CHECK keeps every contact reachable by one key.
 *
 * SQLite cannot drop a NOT NULL, so the table is rebuilt (the documented 12 steps): foreign keys off
 * for the copy, so dropping the old table cascades to nothing, then checked before commit. Its
 * indexes and triggers (full-text index, dashboard totals) are read from the schema before the
 * rebuild and created again as they were, so this migration does not repeat their definitions.
 * Row ids are copied, so `contacts_fts` (external content keyed by rowid) stays valid.
 */
/** The columns contacts had before this migration: copied across in both directions. */
const COLUMNS_BEFORE = `id, name, name_key, phone, wa_id, email, status, opted_out, opted_out_at, opt_out_source,
  last_inbound_at, search_doc, created_at, updated_at, opt_out_detail, marketing_held_until`;

export class CustomerIdentity1732410800000 implements MigrationInterface {
  name = 'CustomerIdentity1732410800000';
  /** PRAGMA foreign_keys is a no-op inside a transaction: this migration opens its own. */
  transaction = false;

  async up(db: QueryRunner): Promise<void> {
    await rebuildContacts(db, {
      columns: `id INTEGER PRIMARY KEY AUTOINCREMENT,
        name VARCHAR NOT NULL,
        name_key VARCHAR NOT NULL,
        phone VARCHAR UNIQUE,
        wa_id VARCHAR,
        user_id VARCHAR UNIQUE,
        username VARCHAR,
        email VARCHAR,
        status VARCHAR NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'blocked')),
        opted_out BOOLEAN NOT NULL DEFAULT 0,
        opted_out_at DATETIME,
        opt_out_source VARCHAR,
        last_inbound_at DATETIME,
        search_doc TEXT NOT NULL DEFAULT '',
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        opt_out_detail TEXT,
        marketing_held_until DATETIME,
        CHECK (phone IS NOT NULL OR user_id IS NOT NULL)`,
      copied: COLUMNS_BEFORE,
    });
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM contacts WHERE phone IS NULL`);
    await rebuildContacts(db, {
      columns: `id INTEGER PRIMARY KEY AUTOINCREMENT,
        name VARCHAR NOT NULL,
        name_key VARCHAR NOT NULL,
        phone VARCHAR NOT NULL UNIQUE,
        wa_id VARCHAR NOT NULL,
        email VARCHAR,
        status VARCHAR NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'blocked')),
        opted_out BOOLEAN NOT NULL DEFAULT 0,
        opted_out_at DATETIME,
        opt_out_source VARCHAR,
        last_inbound_at DATETIME,
        search_doc TEXT NOT NULL DEFAULT '',
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL,
        opt_out_detail TEXT,
        marketing_held_until DATETIME`,
      copied: COLUMNS_BEFORE,
    });
  }
}

async function rebuildContacts(db: QueryRunner, shape: { columns: string; copied: string }): Promise<void> {
  await db.query('PRAGMA foreign_keys = OFF');
  try {
    await db.query('BEGIN IMMEDIATE');
    try {
      const dependents = (await db.query(
        `SELECT sql FROM sqlite_master
          WHERE tbl_name = 'contacts' AND type IN ('index', 'trigger') AND sql IS NOT NULL
          ORDER BY type, name`,
      )) as { sql: string }[];
      await db.query(`CREATE TABLE contacts_rebuilt (${shape.columns})`);
      await db.query(`INSERT INTO contacts_rebuilt (${shape.copied}) SELECT ${shape.copied} FROM contacts`);
      // Keeps AUTOINCREMENT where it was, so an id is never handed out twice.
      await db.query(`DELETE FROM sqlite_sequence WHERE name = 'contacts_rebuilt'`);
      await db.query(
        `INSERT INTO sqlite_sequence (name, seq) SELECT 'contacts_rebuilt', seq FROM sqlite_sequence
          WHERE name = 'contacts'`,
      );
      await db.query('DROP TABLE contacts');
      await db.query('ALTER TABLE contacts_rebuilt RENAME TO contacts');
      for (const { sql } of dependents) await db.query(sql);
      // Only the tables that point at contacts: an old orphan elsewhere must not stop an upgrade.
      const children = (await db.query(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%REFERENCES contacts(%'`,
      )) as { name: string }[];
      for (const { name } of children) {
        const broken = (await db.query(`PRAGMA foreign_key_check("${name}")`)) as unknown[];
        if (broken.length > 0)
          throw new Error(`contacts rebuild broke ${broken.length} foreign key(s) of ${name}`);
      }
      await db.query('COMMIT');
    } catch (error) {
      await db.query('ROLLBACK');
      throw error;
    }
  } finally {
    await db.query('PRAGMA foreign_keys = ON');
  }
}
