import type { MigrationInterface, QueryRunner } from 'typeorm';

/** API tokens may carry an expiry date; an expired token is refused like a revoked one. */
export class TokenExpiry1732408000000 implements MigrationInterface {
  name = 'TokenExpiry1732408000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE api_tokens ADD COLUMN expires_at DATETIME`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE api_tokens DROP COLUMN expires_at');
  }
}
