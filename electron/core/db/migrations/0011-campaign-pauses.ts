import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each campaign was paused and resumed, so its timeline can mark the pauses. Campaigns paused
 * before this migration get their pauses back from the audit log, which recorded every pause,
 * resume and cancel (by a person or by the runner).
 */
export class CampaignPauses1732408400000 implements MigrationInterface {
  name = 'CampaignPauses1732408400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE campaign_pauses (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      paused_at DATETIME NOT NULL,
      resumed_at DATETIME,
      reason TEXT)`);
    await db.query(`CREATE INDEX campaign_pauses_campaign ON campaign_pauses(campaign_id, paused_at)`);
    await db.query(`INSERT INTO campaign_pauses (campaign_id, paused_at, resumed_at, reason)
      SELECT CAST(p.target_id AS INTEGER), p.at,
             (SELECT min(r.at) FROM audit_log r
               WHERE r.target_type = 'campaign' AND r.target_id = p.target_id AND r.id > p.id
                 AND r.action IN ('campaign.resumed', 'campaign.cancelled', 'campaign.unconfirmed_resolved')),
             json_extract(p.details, '$.notice')
        FROM audit_log p
       WHERE p.target_type = 'campaign' AND p.action = 'campaign.paused'
         AND EXISTS (SELECT 1 FROM campaigns c WHERE c.id = CAST(p.target_id AS INTEGER))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE campaign_pauses');
  }
}
