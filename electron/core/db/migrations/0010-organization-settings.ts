import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organization becomes editable in the app (config.toml gives only its first-run values):
 * its locale, for how dates and numbers read (null: derived from the default country). The
 * getting-started steps a person marks done by hand (keeping the sandbox, dismissing the page).
 * The audit log screen filters by person and by kind of thing changed, newest first.
 */
export class OrganizationSettings1732408200000 implements MigrationInterface {
  name = 'OrganizationSettings1732408200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE organization ADD COLUMN locale VARCHAR`);
    await db.query(`CREATE TABLE getting_started_marks (
      mark VARCHAR PRIMARY KEY CHECK (mark IN ('sandbox_kept', 'dismissed')),
      user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
      at DATETIME NOT NULL)`);
    await db.query(`CREATE INDEX audit_log_actor ON audit_log(actor_user_id, id)`);
    await db.query(`CREATE INDEX audit_log_target_type ON audit_log(target_type, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX audit_log_target_type');
    await db.query('DROP INDEX audit_log_actor');
    await db.query('DROP TABLE getting_started_marks');
    await db.query('ALTER TABLE organization DROP COLUMN locale');
  }
}
