import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What campaign analytics needs beyond 0006.
 *
 * "Replied" asks, for each recipient, whether an inbound message came from the same contact or the
 * same WhatsApp id after the campaign message. messages_contact(contact_id, created_at) answers the
 * contact half; nothing answered the WhatsApp-id half (a contact deleted or merged since leaves only
 * the id), so that would scan every message once per recipient. This partial index holds inbound
 * rows only, so outbound sending, by far the most writes, never touches it.
 */
export class CampaignAnalytics1732407600000 implements MigrationInterface {
  name = 'CampaignAnalytics1732407600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX messages_inbound_from ON messages(recipient_wa_id, created_at) WHERE direction = 'in'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX messages_inbound_from');
  }
}
