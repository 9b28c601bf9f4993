import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboard's conversation figures, kept by the conversations domain in the transaction of
 * each change (conversations/conversation-figures.ts), so the dashboard never scans conversations
 * or messages for them (issue 12, "Conversations"):
 *
 * - conversation_buckets: per quarter hour (UTC, `bucket` = Unix seconds / 900) and member,
 *   conversations opened (created or reopened; `user_id` 0) and resolved (by the member the
 *   conversation was assigned to then; 0: nobody).
 * - conversation_openings: one row each time a conversation opens, and, when a customer opened it,
 *   the first reply a member sent after: who, when and how many seconds the customer waited. The
 *   median first-response time of a period is taken from these rows (one per opening, never per
 *   message), through the index on the response's quarter hour.
 *
 * Conversations already in the database count once, here: each opened when it was created,
 * resolved when `resolved_at` says; their past first responses are not known and are left out.
 */
export class ConversationFigures1732410600000 implements MigrationInterface {
  name = 'ConversationFigures1732410600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE conversation_buckets (
      bucket INTEGER NOT NULL,
      user_id INTEGER NOT NULL DEFAULT 0,
      opened INTEGER NOT NULL DEFAULT 0,
      resolved INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (bucket, user_id))`);
    await db.query(`CREATE TABLE conversation_openings (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      conversation_id INTEGER NOT NULL,
      opened_at DATETIME NOT NULL,
      awaits_response BOOLEAN NOT NULL,
      responded_at DATETIME,
      responded_by_user_id INTEGER,
      response_bucket INTEGER,
      response_seconds INTEGER)`);
    await db.query(`CREATE INDEX conversation_openings_latest ON conversation_openings(conversation_id, id)`);
    await db.query(`CREATE INDEX conversation_openings_responses
      ON conversation_openings(response_bucket, responded_by_user_id, response_seconds)
      WHERE response_bucket IS NOT NULL`);

    const bucketOf = (column: string) => `CAST(strftime('%s', ${column}) AS INTEGER) / 900`;
    await db.query(`INSERT INTO conversation_buckets (bucket, user_id, opened)
      SELECT ${bucketOf('created_at')}, 0, count(*) FROM conversations GROUP BY 1`);
    await db.query(`INSERT INTO conversation_buckets (bucket, user_id, resolved)
      SELECT ${bucketOf('resolved_at')}, COALESCE(assigned_user_id, 0), count(*) FROM conversations
       WHERE status = 'closed' AND resolved_at IS NOT NULL GROUP BY 1, 2
      ON CONFLICT (bucket, user_id) DO UPDATE SET resolved = resolved + excluded.resolved`);
    await db.query(`INSERT INTO conversation_openings (conversation_id, opened_at, awaits_response)
      SELECT id, created_at, 0 FROM conversations ORDER BY id`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX conversation_openings_responses`);
    await db.query(`DROP INDEX conversation_openings_latest`);
    await db.query(`DROP TABLE conversation_openings`);
    await db.query(`DROP TABLE conversation_buckets`);
  }
}
