import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The media library screen and the phone numbers screen.
 *
 * - phone_numbers keeps what Meta says of a number's standing: whether its display name is approved
 *   (name_status), whether it proved it is the business's by a code (code_verification_status) and
 *   whether it is on the Cloud API (platform_type CLOUD_API) or only in the account (NOT_APPLICABLE),
 *   so the screen can offer to register it and campaigns never pick a number that cannot send.
 *   Rows synced before this migration stay NULL until the next sync and count as registered, as
 *   they were treated until now.
 * - media.wa_error keeps why the last upload to WhatsApp failed, so the library can say so instead
 *   of showing a file that silently has no media id.
 */
export class LibraryAndNumbers1732409800000 implements MigrationInterface {
  name = 'LibraryAndNumbers1732409800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE phone_numbers ADD COLUMN name_status VARCHAR`);
    await db.query(`ALTER TABLE phone_numbers ADD COLUMN code_verification_status VARCHAR`);
    await db.query(`ALTER TABLE phone_numbers ADD COLUMN platform_type VARCHAR`);
    await db.query(`ALTER TABLE media ADD COLUMN wa_error TEXT`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE media DROP COLUMN wa_error`);
    await db.query(`ALTER TABLE phone_numbers DROP COLUMN platform_type`);
    await db.query(`ALTER TABLE phone_numbers DROP COLUMN code_verification_status`);
    await db.query(`ALTER TABLE phone_numbers DROP COLUMN name_status`);
  }
}
