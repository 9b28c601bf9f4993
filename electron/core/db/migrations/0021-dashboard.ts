import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboard's figures, kept up to date as messages, statuses and contacts are written, so the
 * dashboard never scans the messages table (issue 12, "Dashboard"):
 *
 * - activity_buckets: per quarter hour (UTC, `bucket` = Unix seconds / 900), outbound messages that
 *   were sent, delivered, read or failed in it (by the message's own time of each), inbound
 *   messages, contacts added and removed, opt-outs by source and opt-ins. Quarter hours sum into the
 *   days of any time zone (every zone's offset is a multiple of 15 minutes), so a change of the
 *   organization's zone needs no rebuild.
 * - campaign_tallies: each campaign's recipients by the current status of their message, and how
 *   many replied: the same figures the campaign's page counts from its rows.
 * - campaign_reply_marks: the campaign messages their recipient answered (an inbound message from
 *   the contact on the campaign's number after the message went out), marked once.
 * - contact_totals (one row): contacts, and opted-out contacts by source, now.
 *
 * Triggers keep them, in the transaction of the write, whoever writes (the runner, status webhooks,
 * the inbox, imports): no writer has to remember to. On PostgreSQL these become plpgsql triggers of
 * the same logic. A campaign message's campaign and its test flag never change after it is written.
 * Rows already in the database are counted once, here, before the triggers exist.
 */

const bucketOf = (column: string) => `CAST(strftime('%s', ${column}) AS INTEGER) / 900`;
const REACHED = (row: string) => `${row}.status IN ('sent', 'delivered', 'read')`;
const reachedAt = (row: string) => `COALESCE(${row}.sent_at, ${row}.delivered_at, ${row}.read_at)`;

const STATUS_COLUMNS = ['queued', 'sending', 'unconfirmed', 'sent', 'delivered', 'read', 'failed'] as const;
const TIMESTAMPS = [
  ['sent_at', 'sent'],
  ['delivered_at', 'delivered'],
  ['read_at', 'read'],
  ['failed_at', 'failed'],
] as const;
const OPT_OUT_COLUMNS = {
  opted_out_keyword: `= 'keyword'`,
  opted_out_manual: `= 'manual'`,
  opted_out_whatsapp: `= 'whatsapp'`,
  opted_out_other: `NOT IN ('keyword', 'manual', 'whatsapp')`,
} as const;

/** `INSERT … ON CONFLICT (bucket) DO UPDATE` adding `values` (column → SQL expression) to a bucket. */
function addToBucket(bucket: string, values: Record<string, string>, where = 'true'): string {
  const columns = Object.keys(values);
  return `INSERT INTO activity_buckets (bucket, ${columns.join(', ')})
      SELECT ${bucket}, ${Object.values(values).join(', ')} WHERE ${where}
      ON CONFLICT (bucket) DO UPDATE SET ${columns.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')};`;
}

/** 1 when the contact row counts as opted out from the source of `column`, else 0. */
function optedOutAs(row: string, column: keyof typeof OPT_OUT_COLUMNS): string {
  return `(${row}.opted_out = 1 AND COALESCE(${row}.opt_out_source, '') ${OPT_OUT_COLUMNS[column]})`;
}

export class Dashboard1732410400000 implements MigrationInterface {
  name = 'Dashboard1732410400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE activity_buckets (
      bucket INTEGER PRIMARY KEY,
      sent INTEGER NOT NULL DEFAULT 0,
      delivered INTEGER NOT NULL DEFAULT 0,
      read INTEGER NOT NULL DEFAULT 0,
      failed INTEGER NOT NULL DEFAULT 0,
      received INTEGER NOT NULL DEFAULT 0,
      contacts_added INTEGER NOT NULL DEFAULT 0,
      contacts_removed INTEGER NOT NULL DEFAULT 0,
      opted_out_keyword INTEGER NOT NULL DEFAULT 0,
      opted_out_manual INTEGER NOT NULL DEFAULT 0,
      opted_out_whatsapp INTEGER NOT NULL DEFAULT 0,
      opted_out_other INTEGER NOT NULL DEFAULT 0,
      opted_in INTEGER NOT NULL DEFAULT 0)`);
    await db.query(`CREATE TABLE campaign_tallies (
      campaign_id INTEGER PRIMARY KEY REFERENCES campaigns(id) ON DELETE CASCADE,
      ${STATUS_COLUMNS.map((s) => `${s} INTEGER NOT NULL DEFAULT 0`).join(',\n      ')},
      replied INTEGER NOT NULL DEFAULT 0)`);
    await db.query(`CREATE TABLE campaign_reply_marks (
      message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
      campaign_id INTEGER NOT NULL)`);
    await db.query(`CREATE TABLE contact_totals (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      total INTEGER NOT NULL DEFAULT 0,
      opted_out_keyword INTEGER NOT NULL DEFAULT 0,
      opted_out_manual INTEGER NOT NULL DEFAULT 0,
      opted_out_whatsapp INTEGER NOT NULL DEFAULT 0,
      opted_out_other INTEGER NOT NULL DEFAULT 0)`);

    await this.countWhatIsThere(db);
    await this.messageTriggers(db);
    await this.campaignTriggers(db);
    await this.contactTriggers(db);
  }

  /** The figures of the rows already in the database. */
  private async countWhatIsThere(db: QueryRunner): Promise<void> {
    for (const [column, metric] of TIMESTAMPS) {
      await db.query(`INSERT INTO activity_buckets (bucket, ${metric})
        SELECT ${bucketOf(column)}, count(*) FROM messages WHERE direction = 'out' AND ${column} IS NOT NULL
        GROUP BY 1
        ON CONFLICT (bucket) DO UPDATE SET ${metric} = ${metric} + excluded.${metric}`);
    }
    await db.query(`INSERT INTO activity_buckets (bucket, received)
      SELECT ${bucketOf('created_at')}, count(*) FROM messages WHERE direction = 'in' GROUP BY 1
      ON CONFLICT (bucket) DO UPDATE SET received = received + excluded.received`);
    await db.query(`INSERT INTO activity_buckets (bucket, contacts_added)
      SELECT ${bucketOf('created_at')}, count(*) FROM contacts WHERE true GROUP BY 1
      ON CONFLICT (bucket) DO UPDATE SET contacts_added = contacts_added + excluded.contacts_added`);
    for (const column of Object.keys(OPT_OUT_COLUMNS) as (keyof typeof OPT_OUT_COLUMNS)[]) {
      await db.query(`INSERT INTO activity_buckets (bucket, ${column})
        SELECT ${bucketOf('COALESCE(c.opted_out_at, c.updated_at)')}, count(*) FROM contacts c
         WHERE ${optedOutAs('c', column)} GROUP BY 1
        ON CONFLICT (bucket) DO UPDATE SET ${column} = ${column} + excluded.${column}`);
    }
    await db.query(`INSERT INTO campaign_tallies (campaign_id, ${STATUS_COLUMNS.join(', ')})
      SELECT m.campaign_id, ${STATUS_COLUMNS.map((s) => `sum(m.status = '${s}')`).join(', ')}
        FROM messages m JOIN campaigns c ON c.id = m.campaign_id
       WHERE m.is_test = 0 GROUP BY m.campaign_id`);
    await db.query(`INSERT INTO campaign_reply_marks (message_id, campaign_id)
      SELECT m.id, m.campaign_id FROM messages m
       WHERE m.campaign_id IS NOT NULL AND m.is_test = 0 AND m.direction = 'out'
         AND ${reachedAt('m')} IS NOT NULL
         AND EXISTS (SELECT 1 FROM messages i WHERE i.contact_id = m.contact_id AND i.direction = 'in'
                       AND i.phone_number_id = m.phone_number_id AND i.created_at > ${reachedAt('m')})`);
    await db.query(`UPDATE campaign_tallies SET replied = (
      SELECT count(*) FROM campaign_reply_marks r JOIN messages m ON m.id = r.message_id
       WHERE r.campaign_id = campaign_tallies.campaign_id AND ${REACHED('m')})`);
    await db.query(`INSERT INTO contact_totals (id, total, ${Object.keys(OPT_OUT_COLUMNS).join(', ')})
      SELECT 1, count(*), ${(Object.keys(OPT_OUT_COLUMNS) as (keyof typeof OPT_OUT_COLUMNS)[])
        .map((column) => `COALESCE(sum(${optedOutAs('c', column)}), 0)`)
        .join(', ')} FROM contacts c`);
  }

  /** Outbound messages by the time of each status, inbound messages by their time. */
  private async messageTriggers(db: QueryRunner): Promise<void> {
    for (const [column, metric] of TIMESTAMPS) {
      // Set, moved or cleared (a failure reported, then a delivery after all): each time counts
      // once, in the quarter hour it says.
      await db.query(`CREATE TRIGGER activity_${metric}_update AFTER UPDATE OF ${column} ON messages
        WHEN NEW.direction = 'out' AND OLD.${column} IS NOT NEW.${column}
        BEGIN
          ${addToBucket(bucketOf(`OLD.${column}`), { [metric]: '-1' }, `OLD.${column} IS NOT NULL`)}
          ${addToBucket(bucketOf(`NEW.${column}`), { [metric]: '1' }, `NEW.${column} IS NOT NULL`)}
        END`);
    }
    const insertBody = TIMESTAMPS.map(([column, metric]) =>
      addToBucket(bucketOf(`NEW.${column}`), { [metric]: '1' }, `NEW.${column} IS NOT NULL`),
    ).join('\n');
    await db.query(`CREATE TRIGGER activity_outbound_insert AFTER INSERT ON messages
      WHEN NEW.direction = 'out' AND COALESCE(NEW.sent_at, NEW.delivered_at, NEW.read_at, NEW.failed_at) IS NOT NULL
      BEGIN ${insertBody} END`);
    await db.query(`CREATE TRIGGER activity_inbound_insert AFTER INSERT ON messages WHEN NEW.direction = 'in'
      BEGIN
        ${addToBucket(bucketOf('NEW.created_at'), { received: '1' })}
        INSERT OR IGNORE INTO campaign_reply_marks (message_id, campaign_id)
          SELECT m.id, m.campaign_id FROM messages m
           WHERE m.contact_id = NEW.contact_id AND m.phone_number_id = NEW.phone_number_id
             AND m.campaign_id IS NOT NULL AND m.is_test = 0 AND m.direction = 'out'
             AND ${reachedAt('m')} < NEW.created_at;
      END`);
    const deleteBody = TIMESTAMPS.map(([column, metric]) =>
      addToBucket(bucketOf(`OLD.${column}`), { [metric]: '-1' }, `OLD.${column} IS NOT NULL`),
    ).join('\n');
    await db.query(`CREATE TRIGGER activity_outbound_delete AFTER DELETE ON messages WHEN OLD.direction = 'out'
      BEGIN ${deleteBody} END`);
    await db.query(`CREATE TRIGGER activity_inbound_delete AFTER DELETE ON messages WHEN OLD.direction = 'in'
      BEGIN ${addToBucket(bucketOf('OLD.created_at'), { received: '-1' })} END`);
  }

  /** Each campaign's recipients by status, and who replied. */
  private async campaignTriggers(db: QueryRunner): Promise<void> {
    const byStatus = (row: 'NEW' | 'OLD', sign: '+' | '-') =>
      Object.fromEntries(STATUS_COLUMNS.map((s) => [s, `${sign}(${row}.status = '${s}')`]));
    const upsert = (row: 'NEW' | 'OLD', sign: '+' | '-') => {
      const values = byStatus(row, sign);
      return `INSERT INTO campaign_tallies (campaign_id, ${STATUS_COLUMNS.join(', ')})
        SELECT ${row}.campaign_id, ${STATUS_COLUMNS.map((s) => values[s]).join(', ')}
         WHERE EXISTS (SELECT 1 FROM campaigns c WHERE c.id = ${row}.campaign_id)
        ON CONFLICT (campaign_id) DO UPDATE SET
          ${STATUS_COLUMNS.map((s) => `${s} = ${s} + excluded.${s}`).join(', ')};`;
    };
    await db.query(`CREATE TRIGGER campaign_tally_insert AFTER INSERT ON messages
      WHEN NEW.campaign_id IS NOT NULL AND NEW.is_test = 0
      BEGIN ${upsert('NEW', '+')} END`);
    // One trigger for status and reach times, in this order: first the status moves (a recipient
    // already marked as replied counts or stops counting), then a recipient who wrote after a
    // message that only now has its time is marked (the mark's own trigger counts it). Two
    // triggers could run in either order and count a reply twice.
    await db.query(`CREATE TRIGGER campaign_tally_update
      AFTER UPDATE OF status, sent_at, delivered_at, read_at ON messages
      WHEN NEW.campaign_id IS NOT NULL AND NEW.is_test = 0
        AND (OLD.status IS NOT NEW.status OR (${reachedAt('OLD')} IS NULL AND ${reachedAt('NEW')} IS NOT NULL))
      BEGIN
        UPDATE campaign_tallies SET
          ${STATUS_COLUMNS.map((s) => `${s} = ${s} - (OLD.status = '${s}') + (NEW.status = '${s}')`).join(',\n          ')},
          replied = replied + EXISTS (SELECT 1 FROM campaign_reply_marks r WHERE r.message_id = NEW.id)
                    * ((${REACHED('NEW')}) - (${REACHED('OLD')}))
         WHERE campaign_id = NEW.campaign_id;
        INSERT OR IGNORE INTO campaign_reply_marks (message_id, campaign_id)
          SELECT NEW.id, NEW.campaign_id
           WHERE ${reachedAt('OLD')} IS NULL AND ${reachedAt('NEW')} IS NOT NULL
             AND EXISTS (SELECT 1 FROM messages i WHERE i.contact_id = NEW.contact_id AND i.direction = 'in'
                           AND i.phone_number_id = NEW.phone_number_id AND i.created_at > ${reachedAt('NEW')});
      END`);
    await db.query(`CREATE TRIGGER campaign_tally_delete BEFORE DELETE ON messages
      WHEN OLD.campaign_id IS NOT NULL AND OLD.is_test = 0
      BEGIN
        UPDATE campaign_tallies SET
          ${STATUS_COLUMNS.map((s) => `${s} = ${s} - (OLD.status = '${s}')`).join(',\n          ')},
          replied = replied - (${REACHED('OLD')}
                    AND EXISTS (SELECT 1 FROM campaign_reply_marks r WHERE r.message_id = OLD.id))
         WHERE campaign_id = OLD.campaign_id;
      END`);
    await db.query(`CREATE TRIGGER campaign_reply_mark_insert AFTER INSERT ON campaign_reply_marks
      BEGIN
        UPDATE campaign_tallies SET replied = replied + 1
         WHERE campaign_id = NEW.campaign_id
           AND (SELECT ${REACHED('m')} FROM messages m WHERE m.id = NEW.message_id);
      END`);
  }

  /** Contacts now, added and removed, opted out and back in. */
  private async contactTriggers(db: QueryRunner): Promise<void> {
    const columns = Object.keys(OPT_OUT_COLUMNS) as (keyof typeof OPT_OUT_COLUMNS)[];
    const totals = (sign: (column: keyof typeof OPT_OUT_COLUMNS) => string, total: string) =>
      `UPDATE contact_totals SET total = total + (${total}),
         ${columns.map((c) => `${c} = ${c} + ${sign(c)}`).join(', ')} WHERE id = 1;`;
    const optOutsOf = (row: 'NEW' | 'OLD') => Object.fromEntries(columns.map((c) => [c, optedOutAs(row, c)]));
    await db.query(`CREATE TRIGGER contact_totals_insert AFTER INSERT ON contacts
      BEGIN
        ${totals((c) => optedOutAs('NEW', c), '1')}
        ${addToBucket(bucketOf('NEW.created_at'), { contacts_added: '1' })}
        ${addToBucket(bucketOf('COALESCE(NEW.opted_out_at, NEW.created_at)'), optOutsOf('NEW'), 'NEW.opted_out = 1')}
      END`);
    await db.query(`CREATE TRIGGER contact_totals_delete AFTER DELETE ON contacts
      BEGIN
        ${totals((c) => `-${optedOutAs('OLD', c)}`, '-1')}
        ${addToBucket(bucketOf(`strftime('%Y-%m-%d %H:%M:%f', 'now')`), { contacts_removed: '1' })}
      END`);
    await db.query(`CREATE TRIGGER contact_totals_update AFTER UPDATE OF opted_out, opt_out_source ON contacts
      WHEN OLD.opted_out IS NOT NEW.opted_out OR OLD.opt_out_source IS NOT NEW.opt_out_source
      BEGIN
        ${totals((c) => `${optedOutAs('NEW', c)} - ${optedOutAs('OLD', c)}`, '0')}
        ${addToBucket(
          bucketOf('COALESCE(NEW.opted_out_at, NEW.updated_at)'),
          optOutsOf('NEW'),
          'NEW.opted_out = 1 AND OLD.opted_out = 0',
        )}
        ${addToBucket(bucketOf('NEW.updated_at'), { opted_in: '1' }, 'NEW.opted_out = 0 AND OLD.opted_out = 1')}
      END`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const trigger of [
      'contact_totals_update',
      'contact_totals_delete',
      'contact_totals_insert',
      'campaign_reply_mark_insert',
      'campaign_tally_delete',
      'campaign_tally_update',
      'campaign_tally_insert',
      'activity_inbound_delete',
      'activity_outbound_delete',
      'activity_inbound_insert',
      'activity_outbound_insert',
      ...TIMESTAMPS.map(([, metric]) => `activity_${metric}_update`),
    ]) {
      await db.query(`DROP TRIGGER ${trigger}`);
    }
    for (const table of ['contact_totals', 'campaign_reply_marks', 'campaign_tallies', 'activity_buckets']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
