import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The media library: one row per stored file of a phone number (uploaded, fetched from a link, or inbound). */
export class Media1732407200000 implements MigrationInterface {
  name = 'Media1732407200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE media (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      phone_number_id VARCHAR NOT NULL,
      kind VARCHAR NOT NULL CHECK (kind IN ('image', 'video', 'audio', 'document', 'sticker')),
      mime_type VARCHAR NOT NULL,
      size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
      file_name VARCHAR NOT NULL,
      storage_name VARCHAR NOT NULL UNIQUE,
      sha256 VARCHAR NOT NULL,
      source VARCHAR NOT NULL CHECK (source IN ('upload', 'link', 'inbound')),
      source_url TEXT,
      wa_media_id VARCHAR,
      wa_uploaded_at DATETIME,
      message_id INTEGER UNIQUE REFERENCES messages(id) ON DELETE SET NULL,
      created_at DATETIME NOT NULL)`);
    await db.query(`CREATE INDEX media_library ON media(phone_number_id, created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE media`);
  }
}
