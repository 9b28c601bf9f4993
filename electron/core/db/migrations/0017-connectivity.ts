import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What keeps Meta's webhooks reaching this computer without the owner's help (issue 13, items 8–10):
 *
 * - tunnel_settings: the tunnel the owner chose in Settings (one row). Without a row, config.toml's
 *   [tunnel] applies. The ngrok authtoken is a secret and lives in the secret store, never here.
 * - webhook_callback: the callback URL registered with Meta through `subscribed_apps` (one row): the
 *   owner's "register it automatically" switch, what was asked, what Meta verified, the last error.
 * - webhook_field_stats: every webhook field received, counted, with when it was last seen and how
 *   many changes were only kept (no applier models them yet: `calls`, `history`, …).
 */
export class Connectivity1732409600000 implements MigrationInterface {
  name = 'Connectivity1732409600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE tunnel_settings (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      enabled BOOLEAN NOT NULL,
      provider VARCHAR NOT NULL CHECK (provider IN ('localtunnel', 'ngrok', 'cloudflare', 'fixed')),
      localtunnel_host VARCHAR NOT NULL,
      localtunnel_subdomain VARCHAR NOT NULL,
      fixed_url VARCHAR NOT NULL,
      ngrok_domain VARCHAR NOT NULL,
      cloudflared_path VARCHAR NOT NULL,
      updated_at DATETIME NOT NULL,
      updated_by_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL)`);
    await db.query(`CREATE TABLE webhook_callback (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      automatic BOOLEAN NOT NULL DEFAULT 1,
      state VARCHAR NOT NULL CHECK (state IN ('idle', 'registering', 'verified', 'failed', 'off')),
      target_url VARCHAR,
      registered_url VARCHAR,
      registered_at DATETIME,
      verified_at DATETIME,
      last_attempt_at DATETIME,
      last_error TEXT,
      updated_at DATETIME NOT NULL)`);
    await db.query(`CREATE TABLE webhook_field_stats (
      field VARCHAR PRIMARY KEY,
      received INTEGER NOT NULL,
      kept_only INTEGER NOT NULL,
      first_seen_at DATETIME NOT NULL,
      last_seen_at DATETIME NOT NULL)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE webhook_field_stats');
    await db.query('DROP TABLE webhook_callback');
    await db.query('DROP TABLE tunnel_settings');
  }
}
