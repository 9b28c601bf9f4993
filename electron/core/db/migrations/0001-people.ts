import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organization, people, roles, permissions, sessions and the audit log. */
export class People1732406400000 implements MigrationInterface {
  name = 'People1732406400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE organization (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      name VARCHAR NOT NULL,
      default_country VARCHAR NOT NULL,
      time_zone VARCHAR NOT NULL,
      updated_at DATETIME NOT NULL)`);
    await db.query(`CREATE TABLE users (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      username VARCHAR NOT NULL UNIQUE,
      name VARCHAR NOT NULL,
      email VARCHAR NOT NULL UNIQUE,
      phone VARCHAR,
      kind VARCHAR NOT NULL CHECK (kind IN ('super_admin', 'admin', 'member')),
      password_hash VARCHAR NOT NULL,
      must_change_password BOOLEAN NOT NULL DEFAULT 0,
      disabled BOOLEAN NOT NULL DEFAULT 0,
      failed_logins INTEGER NOT NULL DEFAULT 0,
      locked_until DATETIME,
      last_login_at DATETIME,
      created_at DATETIME NOT NULL,
      updated_at DATETIME NOT NULL)`);
    await db.query(`CREATE TABLE roles (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name VARCHAR NOT NULL UNIQUE COLLATE NOCASE,
      description VARCHAR NOT NULL DEFAULT '',
      created_at DATETIME NOT NULL,
      updated_at DATETIME NOT NULL)`);
    await db.query(`CREATE TABLE role_permissions (
      role_id INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
      permission VARCHAR NOT NULL,
      PRIMARY KEY (role_id, permission))`);
    await db.query(`CREATE TABLE user_roles (
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role_id INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
      PRIMARY KEY (user_id, role_id))`);
    await db.query(`CREATE INDEX user_roles_role ON user_roles(role_id)`);
    await db.query(`CREATE TABLE admin_withdrawn_permissions (
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      permission VARCHAR NOT NULL,
      PRIMARY KEY (user_id, permission))`);
    await db.query(`CREATE TABLE sessions (
      id VARCHAR PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      transport VARCHAR NOT NULL,
      created_at DATETIME NOT NULL,
      last_seen_at DATETIME NOT NULL)`);
    await db.query(`CREATE INDEX sessions_user ON sessions(user_id)`);
    await db.query(`CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at DATETIME NOT NULL,
      actor_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
      action VARCHAR NOT NULL,
      target_type VARCHAR NOT NULL,
      target_id VARCHAR,
      details TEXT NOT NULL DEFAULT '{}')`);
    await db.query(`CREATE INDEX audit_log_at ON audit_log(at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'audit_log',
      'sessions',
      'admin_withdrawn_permissions',
      'user_roles',
      'role_permissions',
      'roles',
      'users',
      'organization',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
