/**
 * Campaign analytics at scale: a campaign of 100,000 recipients in every state (with replies,
 * opt-outs and a second campaign's 100,000 rows beside it), then timings of what the campaign
 * screen asks for.
 *
 *   npx tsx --tsconfig tsconfig.node.json bench/campaign-analytics.ts [recipients]
 *
 * Prints p50 / p95 per kind of query beside the aim (issue 15: analytics under 50 ms, the replied
 * filter's first page under 20 ms). Never part of npm test.
 */
import { rmSync } from 'node:fs';
import { ALL_PERMISSIONS } from '@shared/permissions';
import type { Actor } from '../electron/core/auth/actor';
import { findCampaign } from '../electron/core/campaigns/campaign-dto';
import { failuresByCode } from '../electron/core/campaigns/analytics/failures';
import { campaignFigures, sentSince } from '../electron/core/campaigns/analytics/figures';
import { optedOutAt } from '../electron/core/campaigns/analytics/opt-outs';
import { planBuckets, timeline } from '../electron/core/campaigns/analytics/timeline';
import { sqlDate } from '../electron/core/db/sql';
import type { Core } from '../electron/core/create-core';
import { UserEntity } from '../electron/core/db/entities/user';
import { benchCore, measure, timingLine } from './support';

const RECIPIENTS = Number(process.argv[2] ?? 100_000);
const RUNS = 20;
const AIM_ANALYTICS_MS = 50;
const T0 = Date.UTC(2030, 0, 15, 9, 0, 0);
const NOW = T0 + 3600_000;
const d = (ms: number) => sqlDate(new Date(ms));

async function seed(core: Core): Promise<number> {
  await core.ctx.tx.run(async (m) => {
    for (let start = 0; start < RECIPIENTS; start += 2000) {
      const rows: unknown[] = [];
      const n = Math.min(2000, RECIPIENTS - start);
      for (let i = start; i < start + n; i++) {
        const opted = i % 97 === 0;
        rows.push(`Customer ${i}`, `customer ${i}`, `+91${9000000000 + i}`, `91${9000000000 + i}`);
        rows.push(
          opted ? 1 : 0,
          opted ? d(T0 + 600_000) : null,
          opted ? 'keyword' : null,
          d(T0 - 86_400_000),
        );
      }
      await m.query(
        `INSERT INTO contacts (name, name_key, phone, wa_id, opted_out, opted_out_at, opt_out_source,
           search_doc, created_at, updated_at)
         VALUES ${new Array(n).fill("(?, ?, ?, ?, ?, ?, ?, '', ?, ?)").join(', ')}`,
        rows.flatMap((v, k) => (k % 8 === 7 ? [v, v] : [v])),
      );
    }
    await m.query(`INSERT INTO lists (name, created_at, updated_at) VALUES ('All', ?, ?)`, [d(T0), d(T0)]);
    await m.query(
      `INSERT INTO list_members (list_id, contact_id, subscribed, subscribed_at) SELECT 1, id, 1, ? FROM contacts`,
      [d(T0)],
    );
    for (const [name, status] of [
      ['Older', 'finished'],
      ['Big sale', 'running'],
    ]) {
      await m.query(
        `INSERT INTO campaigns (name, status, phone_number_id, template_id, template_name, template_language,
           started_at, created_at, updated_at) VALUES (?, ?, 'PN1', 't', 't', 'en', ?, ?, ?)`,
        [name, status, d(T0), d(T0), d(T0)],
      );
    }
    await m.query(`INSERT INTO campaign_lists VALUES (1, 1), (2, 1)`);
    // Both campaigns' rows in one go; status by position so every state is present.
    await m.query(
      `INSERT INTO messages (direction, contact_id, phone_number_id, recipient_wa_id, type, status, error_code,
         error_title, campaign_id, created_at, sent_at, delivered_at, read_at, failed_at)
       SELECT 'out', c.id, 'PN1', c.wa_id, 'template',
         CASE WHEN c.id % 20 = 0 THEN 'queued' WHEN c.id % 20 = 1 THEN 'failed' WHEN c.id % 20 < 5 THEN 'sent'
              WHEN c.id % 20 < 11 THEN 'delivered' ELSE 'read' END,
         CASE WHEN c.id % 20 = 1 THEN 131026 + (c.id % 3) END,
         CASE WHEN c.id % 20 = 1 THEN 'Message undeliverable' END,
         k.id, ?,
         CASE WHEN c.id % 20 > 1 THEN datetime(?, '+' || (c.id % 3600) || ' seconds') END,
         CASE WHEN c.id % 20 > 4 THEN datetime(?, '+' || (c.id % 3600 + 30) || ' seconds') END,
         CASE WHEN c.id % 20 > 10 THEN datetime(?, '+' || (c.id % 3600 + 90) || ' seconds') END,
         CASE WHEN c.id % 20 = 1 THEN datetime(?, '+' || (c.id % 3600) || ' seconds') END
       FROM contacts c CROSS JOIN campaigns k`,
      [d(T0), d(T0), d(T0), d(T0), d(T0)],
    );
    // One recipient in ten answers, some on another number.
    await m.query(
      `INSERT INTO messages (direction, contact_id, phone_number_id, recipient_wa_id, type, status, created_at)
       SELECT 'in', c.id, CASE WHEN c.id % 30 = 0 THEN 'PN2' ELSE 'PN1' END, c.wa_id, 'text', 'received', ?
       FROM contacts c WHERE c.id % 10 = 3`,
      [d(NOW - 60_000)],
    );
  });
  await core.ctx.tx.run((m) => m.query('ANALYZE'));
  return 2;
}

async function time<T>(label: string, work: () => Promise<T>, aim?: number): Promise<T> {
  const timing = await measure(work, RUNS);
  console.log(timingLine(label, timing, aim, 42));
  return timing.result;
}

async function main() {
  const { core, dataDir } = await benchCore({ now: NOW });
  try {
    const seeding = performance.now();
    const id = await seed(core);
    console.log(
      `seeded ${RECIPIENTS.toLocaleString()} recipients × 2 campaigns in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
    );
    const service = core.services.campaignAnalytics;
    const a = await time('analytics', () => service.analytics(id), AIM_ANALYTICS_MS);
    console.log(`  → ${JSON.stringify(a.figures)}; ${a.timeline.length} buckets`);
    const m = core.ctx.db.manager;
    const campaign = await findCampaign(m, id);
    const plan = planBuckets(new Date(T0), new Date(NOW));
    await time('  figures (counters)', () => campaignFigures(m, campaign, Promise.resolve([])));
    await time('  opt-outs', () => optedOutAt(m, campaign));
    await time('  pace (sent in the last minute)', () => sentSince(m, id, new Date(NOW - 60_000)));
    await time('  failures by code', () => failuresByCode(m, id));
    await time('  timeline', () => timeline(m, campaign, plan, optedOutAt(m, campaign)));
    await time('recipients page 1', () => service.recipients({ id, page: 1, pageSize: 50 }));
    await time('recipients page 1000', () => service.recipients({ id, page: 1000, pageSize: 50 }));
    await time('recipients, replied, page 1', () =>
      service.recipients({ id, state: 'replied', page: 1, pageSize: 50 }),
    );
    await time('recipients, read, page 1', () =>
      service.recipients({ id, state: 'read', page: 1, pageSize: 50 }),
    );
    const csv = await time('export all recipients (CSV)', () => service.exportRecipients({ id }));
    console.log(`  → ${csv.rows.toLocaleString()} rows, ${(csv.csv.length / 1e6).toFixed(1)} MB`);
    const owner = await core.ctx.db.getRepository(UserEntity).findOneByOrFail({ kind: 'super_admin' });
    const actor: Actor = { user: owner, sessionId: null, permissions: new Set(ALL_PERMISSIONS) };
    const started = performance.now();
    const r = await service.retarget(actor, { id, select: 'read_not_replied', contactIds: [] });
    console.log(
      `retarget read_not_replied          ${(performance.now() - started).toFixed(1)} ms once → list ${r.listId}: ${r.campaign.notice}`,
    );
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
