import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A campaign's page from counters, not from a scan of its 100,000 message rows (issue 15,
 * "Analytics"):
 *
 * - campaign_minutes: per campaign and minute (Unix seconds / 60), how many recipients count as
 *   sent, delivered, read and failed at that minute, by the timeline's rule (each figure once, at
 *   the time it happened; a missing time falls back to the next one that exists: see SERIES), and
 *   how many first answered then (a reply mark whose message went out). A figure whose time is not
 *   known at all is kept at minute 0, which every chart puts in its first bucket. Minutes sum into
 *   any of the timeline's buckets: their sizes are whole minutes and their starts whole minutes on
 *   every zone's clock.
 * - campaign_reply_marks.replied_at: when the recipient first answered, so replies fall into the
 *   timeline's buckets and the recipients page reads the time from the mark. Marks now also come
 *   from a customer whose contact was deleted since the campaign (its row kept the WhatsApp id
 *   only), as the campaign's page always counted them; marks are the one definition of "replied"
 *   for the page, its filters, retargeting and the dashboard.
 * - messages_campaign_sent: a campaign's sends by time, so the pace of the last minute is a short
 *   index range rather than a pass over every recipient; messages_campaign_failures: failures by
 *   Meta's code from the index alone; messages_campaign_orphans: the few campaign messages whose
 *   contact was deleted, which an answer finds by WhatsApp id.
 *
 * Triggers keep the minutes in the transaction of every write, like 0021's tallies. Rows already
 * in the database are counted here, before the triggers exist.
 */

/** Each series: which statuses count in it, and the time it counts at. Same rule as before 0024. */
const SERIES = [
  { column: 'sent', statuses: `'sent', 'delivered', 'read'`, at: ['sent_at', 'delivered_at', 'read_at'] },
  { column: 'delivered', statuses: `'delivered', 'read'`, at: ['delivered_at', 'read_at', 'sent_at'] },
  { column: 'read', statuses: `'read'`, at: ['read_at', 'delivered_at', 'sent_at'] },
  { column: 'failed', statuses: `'failed'`, at: ['failed_at'] },
] as const;
type Series = (typeof SERIES)[number];

const counts = (row: string, s: Series) => `${row}.status IN (${s.statuses})`;
const timeOf = (row: string, s: Series) =>
  s.at.length === 1 ? `${row}.${s.at[0]}` : `COALESCE(${s.at.map((c) => `${row}.${c}`).join(', ')})`;
const minuteOf = (row: string, s: Series) =>
  `COALESCE(CAST(strftime('%s', ${timeOf(row, s)}) AS INTEGER) / 60, 0)`;
const reachedAt = (row: string) => `COALESCE(${row}.sent_at, ${row}.delivered_at, ${row}.read_at)`;
const CAMPAIGN_ROW = (row: string) => `${row}.campaign_id IS NOT NULL AND ${row}.is_test = 0`;
const REACHED = (row: string) => `${row}.status IN ('sent', 'delivered', 'read')`;
/** A reply mark's minute (every mark is dated: 0 only if one ever were not). */
const REPLY_MINUTE = (mark: string) =>
  `COALESCE(CAST(strftime('%s', ${mark}.replied_at) AS INTEGER) / 60, 0)`;

/** Adds `delta` (SQL) replies at `minute` (SQL) of the campaign. */
function addReplies(campaignId: string, minute: string, delta: string, where: string): string {
  return `INSERT INTO campaign_minutes (campaign_id, minute, replied)
      SELECT ${campaignId}, ${minute}, ${delta} WHERE ${where}
        AND EXISTS (SELECT 1 FROM campaigns c WHERE c.id = ${campaignId})
      ON CONFLICT (campaign_id, minute) DO UPDATE SET replied = replied + excluded.replied;`;
}

/** Inbound messages on `out`'s number from its recipient after it went out: by contact, else by WhatsApp id. */
function answersTo(out: string): string {
  const after = `i.direction = 'in' AND i.phone_number_id = ${out}.phone_number_id AND i.created_at > ${reachedAt(out)}`;
  return `(CASE WHEN ${out}.contact_id IS NOT NULL
      THEN (SELECT min(i.created_at) FROM messages i WHERE i.contact_id = ${out}.contact_id AND ${after})
      ELSE (SELECT min(i.created_at) FROM messages i WHERE i.recipient_wa_id = ${out}.recipient_wa_id AND ${after}) END)`;
}

/** Adds `sign` to series `s` at `row`'s minute unless `other` counts the same there (nothing moved). */
function move(row: 'NEW' | 'OLD', other: 'NEW' | 'OLD' | null, s: Series, sign: 1 | -1): string {
  const unchanged = other
    ? ` AND NOT (${counts(other, s)} AND ${minuteOf(other, s)} = ${minuteOf(row, s)})`
    : '';
  if (sign === -1) {
    // The row counted there, so the minute's row exists: a plain update, even while the campaign
    // itself is being deleted.
    return `UPDATE campaign_minutes SET ${s.column} = ${s.column} - 1
      WHERE campaign_id = ${row}.campaign_id AND minute = ${minuteOf(row, s)} AND ${counts(row, s)}${unchanged};`;
  }
  return `INSERT INTO campaign_minutes (campaign_id, minute, ${s.column})
      SELECT ${row}.campaign_id, ${minuteOf(row, s)}, 1
       WHERE ${counts(row, s)}${unchanged} AND EXISTS (SELECT 1 FROM campaigns c WHERE c.id = ${row}.campaign_id)
      ON CONFLICT (campaign_id, minute) DO UPDATE SET ${s.column} = ${s.column} + 1;`;
}

export class CampaignMinutes1732410900000 implements MigrationInterface {
  name = 'CampaignMinutes1732410900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE campaign_minutes (
      campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      minute INTEGER NOT NULL,
      ${SERIES.map((s) => `${s.column} INTEGER NOT NULL DEFAULT 0`).join(',\n      ')},
      replied INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (campaign_id, minute)) WITHOUT ROWID`);
    await db.query(`ALTER TABLE campaign_reply_marks ADD COLUMN replied_at DATETIME`);
    // Failures by Meta's code, read from the index alone.
    await db.query(`CREATE INDEX messages_campaign_failures ON messages(campaign_id, error_code, error_title)
      WHERE status = 'failed' AND campaign_id IS NOT NULL AND is_test = 0`);
    await db.query(`CREATE INDEX messages_campaign_sent ON messages(campaign_id, sent_at)
      WHERE campaign_id IS NOT NULL AND is_test = 0 AND sent_at IS NOT NULL`);
    // Campaign messages whose contact was deleted: the few an inbound message looks up by WhatsApp id.
    await db.query(`CREATE INDEX messages_campaign_orphans ON messages(recipient_wa_id, phone_number_id)
      WHERE contact_id IS NULL AND campaign_id IS NOT NULL AND direction = 'out'`);

    await this.countWhatIsThere(db);
    await this.minuteTriggers(db);
    await this.replyTriggers(db);
    await this.replyMinuteTriggers(db);
  }

  private async countWhatIsThere(db: QueryRunner): Promise<void> {
    for (const s of SERIES) {
      await db.query(`INSERT INTO campaign_minutes (campaign_id, minute, ${s.column})
        SELECT m.campaign_id, ${minuteOf('m', s)}, count(*) FROM messages m JOIN campaigns c ON c.id = m.campaign_id
         WHERE ${CAMPAIGN_ROW('m')} AND ${counts('m', s)} GROUP BY 1, 2
        ON CONFLICT (campaign_id, minute) DO UPDATE SET ${s.column} = ${s.column} + excluded.${s.column}`);
    }
    await db.query(`UPDATE campaign_reply_marks SET replied_at = (
      SELECT ${answersTo('m')} FROM messages m WHERE m.id = campaign_reply_marks.message_id)`);
    // A mark no answer stands behind any more (its contact merged into another since) goes: the
    // page never counted it, and a reply shown must have a time.
    await db.query(`DELETE FROM campaign_reply_marks WHERE replied_at IS NULL`);
    // Recipients whose contact was deleted and who answered (the tallies are recounted below).
    await db.query(`INSERT OR IGNORE INTO campaign_reply_marks (message_id, campaign_id, replied_at)
      SELECT m.id, m.campaign_id, ${answersTo('m')} FROM messages m
       WHERE m.contact_id IS NULL AND ${CAMPAIGN_ROW('m')} AND m.direction = 'out'
         AND ${reachedAt('m')} IS NOT NULL AND ${answersTo('m')} IS NOT NULL`);
    await db.query(`INSERT INTO campaign_minutes (campaign_id, minute, replied)
      SELECT r.campaign_id, ${REPLY_MINUTE('r')}, count(*) FROM campaign_reply_marks r
        JOIN messages m ON m.id = r.message_id JOIN campaigns c ON c.id = r.campaign_id
       WHERE ${REACHED('m')} GROUP BY 1, 2
      ON CONFLICT (campaign_id, minute) DO UPDATE SET replied = replied + excluded.replied`);
    // The tallies' replied, from the marks as they now are.
    await db.query(`UPDATE campaign_tallies SET replied = (
      SELECT count(*) FROM campaign_reply_marks r JOIN messages m ON m.id = r.message_id
       WHERE r.campaign_id = campaign_tallies.campaign_id AND ${REACHED('m')})`);
  }

  /** The minutes follow every insert, status or time change and delete of a campaign's message. */
  private async minuteTriggers(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TRIGGER campaign_minutes_insert AFTER INSERT ON messages WHEN ${CAMPAIGN_ROW('NEW')}
      BEGIN ${SERIES.map((s) => move('NEW', null, s, 1)).join('\n')} END`);
    await db.query(`CREATE TRIGGER campaign_minutes_update
      AFTER UPDATE OF status, sent_at, delivered_at, read_at, failed_at ON messages WHEN ${CAMPAIGN_ROW('NEW')}
      BEGIN
        ${SERIES.map((s) => `${move('OLD', 'NEW', s, -1)}\n${move('NEW', 'OLD', s, 1)}`).join('\n')}
      END`);
    await db.query(`CREATE TRIGGER campaign_minutes_delete BEFORE DELETE ON messages WHEN ${CAMPAIGN_ROW('OLD')}
      BEGIN ${SERIES.map((s) => move('OLD', null, s, -1)).join('\n')} END`);
  }

  /**
   * 0021's marks, with the first answer's time, and by WhatsApp id for a recipient whose contact
   * was deleted: an answer after the message went out marks it (the earliest answer's time wins,
   * whatever order webhooks arrive in). When the time the message went out is set or moves (a
   * `sent` arriving after its `delivered` makes it earlier) the mark is taken again from the answers.
   */
  private async replyTriggers(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER activity_inbound_insert`);
    await db.query(`CREATE TRIGGER activity_inbound_insert AFTER INSERT ON messages WHEN NEW.direction = 'in'
      BEGIN
        INSERT INTO activity_buckets (bucket, received)
          SELECT CAST(strftime('%s', NEW.created_at) AS INTEGER) / 900, 1 WHERE true
          ON CONFLICT (bucket) DO UPDATE SET received = received + excluded.received;
        INSERT INTO campaign_reply_marks (message_id, campaign_id, replied_at)
          SELECT m.id, m.campaign_id, NEW.created_at FROM messages m
           WHERE m.contact_id = NEW.contact_id AND m.phone_number_id = NEW.phone_number_id
             AND m.campaign_id IS NOT NULL AND m.is_test = 0 AND m.direction = 'out'
             AND ${reachedAt('m')} < NEW.created_at
          ON CONFLICT (message_id) DO UPDATE SET replied_at = min(replied_at, excluded.replied_at);
        INSERT INTO campaign_reply_marks (message_id, campaign_id, replied_at)
          SELECT m.id, m.campaign_id, NEW.created_at FROM messages m
           WHERE m.recipient_wa_id = NEW.recipient_wa_id AND m.phone_number_id = NEW.phone_number_id
             AND m.contact_id IS NULL AND m.campaign_id IS NOT NULL AND m.direction = 'out'
             AND m.is_test = 0 AND ${reachedAt('m')} < NEW.created_at
          ON CONFLICT (message_id) DO UPDATE SET replied_at = min(replied_at, excluded.replied_at);
      END`);
    // Same logic as 0021's, the mark now with its time and the WhatsApp-id case.
    await db.query(`DROP TRIGGER campaign_tally_update`);
    const STATUS_COLUMNS = ['queued', 'sending', 'unconfirmed', 'sent', 'delivered', 'read', 'failed'];
    await db.query(`CREATE TRIGGER campaign_tally_update
      AFTER UPDATE OF status, sent_at, delivered_at, read_at ON messages
      WHEN NEW.campaign_id IS NOT NULL AND NEW.is_test = 0
        AND (OLD.status IS NOT NEW.status OR ${reachedAt('OLD')} IS NOT ${reachedAt('NEW')})
      BEGIN
        UPDATE campaign_tallies SET
          ${STATUS_COLUMNS.map((s) => `${s} = ${s} - (OLD.status = '${s}') + (NEW.status = '${s}')`).join(',\n          ')},
          replied = replied + EXISTS (SELECT 1 FROM campaign_reply_marks r WHERE r.message_id = NEW.id)
                    * ((${REACHED('NEW')}) - (${REACHED('OLD')}))
         WHERE campaign_id = NEW.campaign_id;
        ${addReplies(
          'NEW.campaign_id',
          `(SELECT ${REPLY_MINUTE('r')} FROM campaign_reply_marks r WHERE r.message_id = NEW.id)`,
          `(${REACHED('NEW')}) - (${REACHED('OLD')})`,
          `(${REACHED('NEW')}) <> (${REACHED('OLD')}) AND EXISTS (SELECT 1 FROM campaign_reply_marks r WHERE r.message_id = NEW.id)`,
        )}
        DELETE FROM campaign_reply_marks
         WHERE message_id = NEW.id AND ${reachedAt('OLD')} IS NOT ${reachedAt('NEW')};
        INSERT OR IGNORE INTO campaign_reply_marks (message_id, campaign_id, replied_at)
          SELECT NEW.id, NEW.campaign_id, ${answersTo('NEW')}
           WHERE ${reachedAt('OLD')} IS NOT ${reachedAt('NEW')} AND ${answersTo('NEW')} IS NOT NULL;
      END`);
    // A mark taken back (its message's time moved) stops counting; not when the message itself is
    // deleted, whose own trigger took its reply out already (the mark goes by cascade, after).
    await db.query(`CREATE TRIGGER campaign_reply_mark_delete AFTER DELETE ON campaign_reply_marks
      WHEN (SELECT ${REACHED('m')} FROM messages m WHERE m.id = OLD.message_id)
      BEGIN
        UPDATE campaign_tallies SET replied = replied - 1 WHERE campaign_id = OLD.campaign_id;
        UPDATE campaign_minutes SET replied = replied - 1
         WHERE campaign_id = OLD.campaign_id AND minute = ${REPLY_MINUTE('OLD')};
      END`);
  }

  /** Replies per minute: a new mark, an earlier answer found, a message deleted with its mark. */
  private async replyMinuteTriggers(db: QueryRunner): Promise<void> {
    const reached = (mark: string) =>
      `(SELECT ${REACHED('m')} FROM messages m WHERE m.id = ${mark}.message_id)`;
    await db.query(`CREATE TRIGGER campaign_minutes_mark_insert AFTER INSERT ON campaign_reply_marks
      BEGIN ${addReplies('NEW.campaign_id', REPLY_MINUTE('NEW'), '1', reached('NEW'))} END`);
    await db.query(`CREATE TRIGGER campaign_minutes_mark_update AFTER UPDATE OF replied_at ON campaign_reply_marks
      WHEN ${REPLY_MINUTE('OLD')} <> ${REPLY_MINUTE('NEW')}
      BEGIN
        UPDATE campaign_minutes SET replied = replied - 1
         WHERE campaign_id = OLD.campaign_id AND minute = ${REPLY_MINUTE('OLD')} AND ${reached('OLD')};
        ${addReplies('NEW.campaign_id', REPLY_MINUTE('NEW'), '1', reached('NEW'))}
      END`);
    // Before the message goes (and its mark with it, by cascade).
    await db.query(`CREATE TRIGGER campaign_minutes_mark_delete BEFORE DELETE ON messages
      WHEN ${CAMPAIGN_ROW('OLD')} AND ${REACHED('OLD')}
      BEGIN
        UPDATE campaign_minutes SET replied = replied - 1
         WHERE campaign_id = OLD.campaign_id
           AND minute = (SELECT ${REPLY_MINUTE('r')} FROM campaign_reply_marks r WHERE r.message_id = OLD.id);
      END`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const trigger of [
      'campaign_minutes_insert',
      'campaign_minutes_update',
      'campaign_minutes_delete',
      'campaign_minutes_mark_insert',
      'campaign_minutes_mark_update',
      'campaign_minutes_mark_delete',
      'campaign_reply_mark_delete',
    ])
      await db.query(`DROP TRIGGER ${trigger}`);
    await db.query(`DROP INDEX messages_campaign_orphans`);
    await db.query(`DROP INDEX messages_campaign_sent`);
    await db.query(`DROP INDEX messages_campaign_failures`);
    await db.query(`DROP TABLE campaign_minutes`);
    // 0021's reply triggers are left as 0024 made them: they only add the mark's time and the
    // WhatsApp-id case, which an older version ignores.
  }
}
