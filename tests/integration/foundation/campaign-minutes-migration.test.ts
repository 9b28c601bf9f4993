import { join } from 'node:path';
import { rmSync } from 'node:fs';
import sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';
import { afterEach, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { makeTempDir } from '../../helpers/test-core';
import { counters, recount, sorted, type Query } from '../campaign-analytics/recount';

/**
 * Migration 0024 moves the campaign page onto counters: a database that already holds campaigns,
 * receipts and answers (one from a customer whose contact was deleted since) must come out with
 * counters equal to a recount of its rows, and keep them equal through the writes that follow.
 */
let dir = '';
let source: DataSource | null = null;
afterEach(async () => {
  await source?.destroy();
  source = null;
  rmSync(dir, { recursive: true, force: true });
});

const wa = (customer: number) => `91987650000${customer}`;
const at = (minutes: number) => `2030-03-01 09:${String(minutes).padStart(2, '0')}:30.000`;

it('counts what is already there, and the triggers carry on from it', async () => {
  dir = makeTempDir();
  const upTo = MIGRATIONS.findIndex((m) => m.name.startsWith('CampaignMinutes'));
  expect(upTo).toBeGreaterThan(0);
  source = new DataSource({
    type: 'sqlite',
    database: join(dir, 'wapidesk.db'),
    driver: sqlite3,
    migrations: MIGRATIONS.slice(0, upTo),
    migrationsTransactionMode: 'each',
  });
  await source.initialize();
  await source.query('PRAGMA foreign_keys = ON');
  await source.runMigrations();
  const db = source;
  const q: Query = (sql, params = []) => db.query(sql, params);

  for (let i = 1; i <= 7; i++) {
    await q(
      `INSERT INTO contacts (id, name, name_key, phone, wa_id, search_doc, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, '', ?, ?)`,
      [i, `Customer ${i}`, `customer ${i}`, `+${wa(i)}`, wa(i), at(0), at(0)],
    );
  }
  await q(
    `INSERT INTO campaigns (id, name, status, phone_number_id, template_id, template_name, template_language,
       started_at, created_at, updated_at) VALUES (1, 'Before', 'finished', 'PN1', 't', 't', 'en', ?, ?, ?)`,
    [at(0), at(0), at(0)],
  );
  const out = async (contact: number, status: string, sent: string | null, read: string | null) =>
    q(
      `INSERT INTO messages (direction, contact_id, phone_number_id, recipient_wa_id, type, status, campaign_id,
         is_test, created_at, sent_at, read_at) VALUES ('out', ?, 'PN1', ?, 'template', ?, 1, 0, ?, ?, ?)`,
      [contact, wa(contact), status, at(0), sent, read],
    );
  await out(1, 'read', at(1), at(5));
  await out(2, 'sent', at(2), null);
  await out(3, 'failed', null, null);
  await out(4, 'read', null, at(7)); // reconciled after a crash: read with no sent time
  await out(5, 'queued', null, null);
  await out(6, 'sent', at(3), null);
  const answer = (contact: number | null, customer: number, minute: number) =>
    q(
      `INSERT INTO messages (direction, contact_id, phone_number_id, recipient_wa_id, type, status, is_test, created_at)
       VALUES ('in', ?, 'PN1', ?, 'text', 'received', 0, ?)`,
      [contact, wa(customer), at(minute)],
    );
  await answer(1, 1, 9);
  await answer(2, 2, 11);
  // Customer 6's contact is deleted; the answer comes afterwards, known by WhatsApp id only.
  await q(`DELETE FROM contacts WHERE id = 6`);
  await answer(null, 6, 12);
  await answer(4, 4, 13);
  // Customer 7 answered, then their campaign message moved to customer 3's contact (a merge): no
  // answer stands behind 0021's mark any more, and the page never counted it.
  await out(7, 'delivered', at(4), null);
  await answer(7, 7, 10);
  await q(`UPDATE messages SET contact_id = 3 WHERE contact_id = 7 AND direction = 'out'`);

  // 0024 itself.
  const next = MIGRATIONS[upTo]!;
  const runner = db.createQueryRunner();
  await new next().up(runner);
  await runner.release();

  const [want, got] = [await recount(q, 1), await counters(q, 1)];
  expect(got.tallies).toEqual(want.tallies);
  expect(sorted(got.minutes)).toEqual(sorted(want.minutes));
  // Customer 6 answered under their WhatsApp id: counted now, as the campaign page always did.
  expect(want.tallies.replied).toBe(4);

  // And from here on the triggers keep them.
  await answer(null, 6, 8); // an earlier answer, arriving late
  await q(`UPDATE messages SET status = 'delivered' WHERE contact_id = 2 AND direction = 'out'`);
  await q(`UPDATE messages SET status = 'sent', sent_at = ? WHERE contact_id = 5`, [at(14)]);
  await answer(5, 5, 15);
  const [after, kept] = [await recount(q, 1), await counters(q, 1)];
  expect(kept.tallies).toEqual(after.tallies);
  expect(sorted(kept.minutes)).toEqual(sorted(after.minutes));
  expect(after.tallies.replied).toBe(5);
});
