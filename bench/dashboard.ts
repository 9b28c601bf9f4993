/**
 * The dashboard at scale: 1,000,000 messages spread over 90 days (100 campaigns of 10,000
 * recipients, every status, with pricing, replies and opt-outs), written through the same triggers
 * that keep the dashboard's aggregate rows in the app, and a busy inbox (every recipient's
 * conversation opened twice, answered by one of five members, resolved: 20,000 openings with the
 * rows the conversations domain keeps for them), then `dashboard.get` for 7, 30 and 90 days.
 *
 *   npx tsx --tsconfig tsconfig.node.json bench/dashboard.ts [messages]
 *
 * Prints p50 / p95 per period beside the aim (90 days at 1,000,000 messages: p95 ≤ 100 ms), how
 * long seeding took, and where the 90-day time goes (each query's mean, slowest first), so a miss
 * says what to fix. Never part of npm test.
 */
import { rmSync } from 'node:fs';
import { sqlDate } from '../electron/core/db/sql';
import type { Core } from '../electron/core/create-core';
import { DashboardService } from '../electron/core/dashboard/dashboard-service';
import { benchCore, measure, timingLine } from './support';

const MESSAGES = Number(process.argv[2] ?? 1_000_000);
const CAMPAIGNS = 100;
const PER_CAMPAIGN = Math.ceil(MESSAGES / CAMPAIGNS);
const RUNS = 30;
const AIM_P95_MS = 100;
const NOW = Date.UTC(2030, 3, 1, 12, 0, 0);
const DAY = 86_400_000;
const d = (ms: number) => sqlDate(new Date(ms));

async function seed(core: Core): Promise<void> {
  await core.ctx.tx.run(async (m) => {
    // Recipients: one contact per recipient slot, reused by every campaign (as a shop's list is).
    await m.query(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO contacts (name, name_key, phone, wa_id, opted_out, opted_out_at, opt_out_source, search_doc,
         created_at, updated_at)
       SELECT 'Customer ' || i, 'customer ' || i, '+91' || (9000000000 + i), '91' || (9000000000 + i),
         CASE WHEN i % 97 = 0 THEN 1 ELSE 0 END, CASE WHEN i % 97 = 0 THEN ? END,
         CASE WHEN i % 97 = 0 THEN (CASE WHEN i % 2 = 0 THEN 'keyword' ELSE 'whatsapp' END) END, '',
         datetime(?, '-' || (i % 90) || ' days'), ?
       FROM n`,
      [PER_CAMPAIGN, d(NOW - 5 * DAY), d(NOW), d(NOW)],
    );
    for (let k = 0; k < CAMPAIGNS; k++) {
      // Campaigns spread over the 90 days; each finished the day it started.
      const start = NOW - Math.floor(((CAMPAIGNS - k) / CAMPAIGNS) * 89 * DAY);
      await m.query(
        `INSERT INTO campaigns (name, status, phone_number_id, template_id, template_name, template_language,
           started_at, finished_at, created_at, updated_at) VALUES (?, 'finished', 'PN1', 't', 't', 'en', ?, ?, ?, ?)`,
        [`Campaign ${k}`, d(start), d(start + 3_600_000), d(start), d(start)],
      );
      const [row] = (await m.query(`SELECT max(id) AS id FROM campaigns`)) as { id: number }[];
      const id = row!.id;
      await m.query(
        `INSERT INTO messages (direction, contact_id, phone_number_id, recipient_wa_id, type, status, error_code,
           campaign_id, created_at, sent_at, delivered_at, read_at, failed_at,
           pricing_category, pricing_type, pricing_billable)
         SELECT 'out', c.id, 'PN1', c.wa_id, 'template',
           CASE WHEN c.id % 20 = 1 THEN 'failed' WHEN c.id % 20 < 5 THEN 'sent'
                WHEN c.id % 20 < 11 THEN 'delivered' ELSE 'read' END,
           CASE WHEN c.id % 20 = 1 THEN 131026 END,
           ?, ?,
           CASE WHEN c.id % 20 > 1 THEN datetime(?, '+' || (c.id % 3600) || ' seconds') END,
           CASE WHEN c.id % 20 > 4 THEN datetime(?, '+' || (c.id % 3600 + 30) || ' seconds') END,
           CASE WHEN c.id % 20 > 10 THEN datetime(?, '+' || (c.id % 3600 + 900) || ' seconds') END,
           CASE WHEN c.id % 20 = 1 THEN datetime(?, '+' || (c.id % 3600) || ' seconds') END,
           CASE WHEN c.id % 20 > 1 THEN 'marketing' END, CASE WHEN c.id % 20 > 1 THEN 'regular' END,
           CASE WHEN c.id % 20 > 1 THEN 1 END
         FROM contacts c`,
        [id, d(start), d(start), d(start), d(start), d(start)],
      );
      // Pricing per day and per campaign, as recordPricing keeps it from statuses.
      await m.query(
        `INSERT INTO pricing_buckets (bucket, category, type, country, billable, messages)
         SELECT CAST(strftime('%s', sent_at) AS INTEGER) / 900, 'marketing', 'regular', 'IN', 1, count(*)
           FROM messages WHERE campaign_id = ? AND pricing_category IS NOT NULL GROUP BY 1
         ON CONFLICT DO UPDATE SET messages = messages + excluded.messages`,
        [id],
      );
      await m.query(
        `INSERT INTO campaign_pricing (campaign_id, category, type, country, billable, messages)
         SELECT ?, 'marketing', 'regular', 'IN', 1, count(*) FROM messages
          WHERE campaign_id = ? AND pricing_category IS NOT NULL`,
        [id, id],
      );
    }
    await seedInbox(m);
  });
  await core.ctx.tx.run((m) => m.query('ANALYZE'));
}

const MEMBERS = 5;

/**
 * Every recipient wrote back once after their campaign and once a week later: a conversation each,
 * opened twice, answered by one of five members after 1 to 120 minutes (the second time 10% wait
 * on), resolved an hour after the answer. The openings and buckets are written as
 * conversations/conversation-figures.ts keeps them.
 */
async function seedInbox(m: { query: (sql: string, params?: unknown[]) => Promise<unknown> }): Promise<void> {
  for (let i = 1; i <= MEMBERS; i++) {
    await m.query(
      `INSERT INTO users (username, name, email, kind, password_hash, created_at, updated_at)
       VALUES (?, ?, ?, 'member', 'x', ?, ?)`,
      [`agent${i}`, `Agent ${i}`, `agent${i}@x.test`, d(NOW), d(NOW)],
    );
  }
  const [first] = (await m.query(`SELECT min(id) AS id FROM users WHERE username LIKE 'agent%'`)) as {
    id: number;
  }[];
  const agent0 = first!.id;
  // When each contact's campaign message went out: the first of their messages.
  await m.query(`CREATE TEMP TABLE opened_at AS
    SELECT contact_id, min(created_at) AS at FROM messages WHERE direction = 'out' GROUP BY contact_id`);
  await m.query(
    `INSERT INTO conversations (contact_id, phone_number_id, status, assigned_user_id, unread_count,
       last_message_at, last_inbound_at, created_at, resolved_at)
     SELECT o.contact_id, 'PN1', CASE WHEN o.contact_id % 10 = 0 THEN 'open' ELSE 'closed' END,
       CASE WHEN o.contact_id % 7 = 0 THEN NULL ELSE ? + o.contact_id % ? END, 0,
       datetime(o.at, '+7 days'), datetime(o.at, '+7 days'), datetime(o.at, '+1 hour'),
       CASE WHEN o.contact_id % 10 = 0 THEN NULL ELSE datetime(o.at, '+7 days', '+3 hours') END
     FROM opened_at o`,
    [agent0, MEMBERS],
  );
  for (const [shift, waits] of [
    ['+1 hour', 'true'],
    ['+7 days', 'c.contact_id % 10 <> 0'],
  ] as const) {
    await m.query(
      `INSERT INTO conversation_openings (conversation_id, opened_at, awaits_response, responded_at,
         responded_by_user_id, response_bucket, response_seconds)
       SELECT c.id, datetime(o.at, ?), 1,
         CASE WHEN ${waits} THEN datetime(o.at, ?, '+' || (60 + c.id % 7140) || ' seconds') END,
         CASE WHEN ${waits} THEN ? + c.contact_id % ? END,
         CASE WHEN ${waits} THEN CAST(strftime('%s', datetime(o.at, ?, '+' || (60 + c.id % 7140) || ' seconds'))
           AS INTEGER) / 900 END,
         CASE WHEN ${waits} THEN 60 + c.id % 7140 END
       FROM conversations c JOIN opened_at o ON o.contact_id = c.contact_id`,
      [shift, shift, agent0, MEMBERS, shift],
    );
  }
  await m.query(`INSERT INTO conversation_buckets (bucket, user_id, opened)
    SELECT CAST(strftime('%s', opened_at) AS INTEGER) / 900, 0, count(*) FROM conversation_openings GROUP BY 1`);
  await m.query(`INSERT INTO conversation_buckets (bucket, user_id, resolved)
    SELECT CAST(strftime('%s', datetime(o.opened_at, '+3 hours')) AS INTEGER) / 900,
           COALESCE(c.assigned_user_id, 0), count(*)
      FROM conversation_openings o JOIN conversations c ON c.id = o.conversation_id
     WHERE o.responded_at IS NOT NULL GROUP BY 1, 2
    ON CONFLICT (bucket, user_id) DO UPDATE SET resolved = resolved + excluded.resolved`);
  await m.query(`DROP TABLE opened_at`);
}

/** Each query's time while `run` runs, by the query's first words. */
async function profileQueries(core: Core, run: () => Promise<unknown>, times: number): Promise<string> {
  const target = core.ctx.db.manager as { query: (sql: string, params?: unknown[]) => Promise<unknown> };
  const original = target.query.bind(target);
  const spent = new Map<string, number>();
  // One query at a time while profiling, so each one's time is its own.
  let queue: Promise<unknown> = Promise.resolve();
  target.query = (sql: string, params?: unknown[]) => {
    const run = queue.then(async () => {
      const started = performance.now();
      try {
        return await original(sql, params);
      } finally {
        const key = sql.replace(/\s+/g, ' ').trim().slice(0, 70);
        spent.set(key, (spent.get(key) ?? 0) + performance.now() - started);
      }
    });
    queue = run.catch(() => undefined);
    return run;
  };
  try {
    for (let i = 0; i < times; i++) await run();
  } finally {
    target.query = original;
  }
  return [...spent.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([sql, ms]) => `  ${(ms / times).toFixed(1).padStart(6)} ms  ${sql}`)
    .join('\n');
}

async function main() {
  const { core, dataDir } = await benchCore({ now: NOW });
  try {
    const seeding = performance.now();
    await seed(core);
    const [row] = (await core.ctx.db.query(`SELECT count(*) AS n FROM messages`)) as { n: number }[];
    const n = row?.n ?? 0;
    console.log(
      `seeded ${n.toLocaleString()} messages in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
    );
    const dashboard = new DashboardService(core.ctx);
    for (const days of [7, 30, 90]) {
      const timing = await measure(() => dashboard.get(days), RUNS);
      console.log(
        timingLine(
          `dashboard ${String(days).padStart(2)} days`,
          timing,
          days === 90 ? AIM_P95_MS : undefined,
        ),
      );
    }
    console.log(
      'where 90 days go (each query alone, mean of 10, one at a time):\n' +
        (await profileQueries(core, () => dashboard.get(90), 10)),
    );
    const sample = await dashboard.get(90);
    console.log(
      `90 days: ${sample.campaigns.finished.length} campaigns finished, ${sample.days.reduce((s, x) => s + x.sent, 0).toLocaleString()} sent, ` +
        `${sample.contacts.total.toLocaleString()} contacts, ${sample.spending.totalMessages.toLocaleString()} priced messages, ` +
        `${sample.conversations.opened.toLocaleString()} conversations opened, ${sample.conversations.resolved.toLocaleString()} resolved, ` +
        `median first response ${sample.conversations.medianFirstResponseSeconds ?? '–'} s, ${sample.conversations.members.length} members`,
    );
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
