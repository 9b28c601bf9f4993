import type { MigrationInterface, QueryRunner } from 'typeorm';

/** API tokens for /api/v1. */
export class ApiTokens1732406600000 implements MigrationInterface {
  name = 'ApiTokens1732406600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE api_tokens (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name VARCHAR NOT NULL,
      token_hash VARCHAR NOT NULL UNIQUE,
      prefix VARCHAR NOT NULL,
      permissions TEXT NOT NULL,
      created_by_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
      created_at DATETIME NOT NULL,
      last_used_at DATETIME,
      revoked_at DATETIME)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE api_tokens');
  }
}
