import { join } from 'node:path';
import { rmSync } from 'node:fs';
import sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../electron/core/db/open-database';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { makeTempDir } from '../../helpers/test-core';

/**
 * Migration 0023 rebuilds `contacts` so a customer may have no phone number (issue 13): the rows,
 * their ids, the full-text index, the dashboard's triggers and every foreign key into the table must
 * come through as they were.
 */
let dir: string;
let db: Database | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
  rmSync(dir, { recursive: true, force: true });
});

const NOW = '2026-11-30 10:00:00.000';

async function databaseBefore0023(file: string): Promise<void> {
  const before = new DataSource({
    type: 'sqlite',
    database: file,
    driver: sqlite3,
    migrations: MIGRATIONS.slice(
      0,
      MIGRATIONS.findIndex((m) => m.name.startsWith('CustomerIdentity')),
    ),
    migrationsTransactionMode: 'each',
  });
  await before.initialize();
  await before.query('PRAGMA foreign_keys = ON');
  await before.runMigrations();
  for (const [id, name, phone] of [
    [7, 'Asha Patel', '+919876543210'],
    [9, 'Zoë Öztürk', '+905321234567'],
  ] as const) {
    await before.query(
      `INSERT INTO contacts (id, name, name_key, phone, wa_id, search_doc, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        name,
        name.toLowerCase(),
        phone,
        phone.slice(1),
        `${name.toLowerCase()} ${phone.slice(1)}`,
        NOW,
        NOW,
      ],
    );
  }
  // A deleted contact: its id must never be handed out again.
  await before.query(
    `INSERT INTO contacts (id, name, name_key, phone, wa_id, created_at, updated_at)
     VALUES (12, 'Gone', 'gone', '+15550000012', '15550000012', ?, ?)`,
    [NOW, NOW],
  );
  await before.query('DELETE FROM contacts WHERE id = 12');
  await before.query(`INSERT INTO lists (id, name, created_at, updated_at) VALUES (1, 'VIP', ?, ?)`, [
    NOW,
    NOW,
  ]);
  await before.query(
    `INSERT INTO list_members (list_id, contact_id, subscribed, subscribed_at) VALUES (1, 7, 1, ?), (1, 9, 1, ?)`,
    [NOW, NOW],
  );
  await before.query(`INSERT INTO contact_tags (contact_id, tag) VALUES (7, 'vip')`);
  await before.destroy();
}

describe('migration 0023: customers known by user id', () => {
  it('keeps every contact, id, tag, membership and index, and lets a contact have no number', async () => {
    dir = makeTempDir();
    const file = join(dir, 'wapidesk.sqlite');
    await databaseBefore0023(file);
    db = await openDatabase(file);
    const read = (sql: string, params: unknown[] = []) =>
      db!.reader.query(sql, params) as Promise<Record<string, unknown>[]>;

    expect(await read('SELECT id, name, phone, wa_id, user_id FROM contacts ORDER BY id')).toEqual([
      { id: 7, name: 'Asha Patel', phone: '+919876543210', wa_id: '919876543210', user_id: null },
      { id: 9, name: 'Zoë Öztürk', phone: '+905321234567', wa_id: '905321234567', user_id: null },
    ]);
    expect(await read(`SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH '"asha"'`)).toEqual([
      { rowid: 7 },
    ]);
    expect(await read('SELECT total FROM contact_totals')).toEqual([{ total: 2 }]);

    await db.tx.run(async (m) => {
      await m.query(
        `INSERT INTO contacts (name, name_key, user_id, username, search_doc, created_at, updated_at)
         VALUES ('Noor', 'noor', 'US.1349', 'noor.bakes', 'noor noor.bakes', ?, ?)`,
        [NOW, NOW],
      );
    });
    const [noor] = await read(`SELECT id, phone FROM contacts WHERE user_id = 'US.1349'`);
    // AUTOINCREMENT carried over: the deleted contact's id 12 is not reused.
    expect(noor).toEqual({ id: 13, phone: null });
    // Triggers came back: the new contact is in the search index and the totals.
    expect(await read(`SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH '"noor.b"'`)).toEqual([
      { rowid: 13 },
    ]);
    expect(await read('SELECT total FROM contact_totals')).toEqual([{ total: 3 }]);

    // A contact with neither key, or a user id twice, is refused.
    await expect(
      db.tx.run((m) =>
        m.query(
          `INSERT INTO contacts (name, name_key, created_at, updated_at) VALUES ('Nobody', 'nobody', ?, ?)`,
          [NOW, NOW],
        ),
      ),
    ).rejects.toThrow(/CHECK constraint/);
    await expect(
      db.tx.run((m) =>
        m.query(
          `INSERT INTO contacts (name, name_key, user_id, created_at, updated_at) VALUES ('Twin', 'twin', 'US.1349', ?, ?)`,
          [NOW, NOW],
        ),
      ),
    ).rejects.toThrow(/UNIQUE constraint/);

    // Foreign keys into the rebuilt table still hold and still cascade.
    expect(await read('PRAGMA foreign_key_check')).toEqual([]);
    await db.tx.run((m) => m.query('DELETE FROM contacts WHERE id = 7'));
    expect(await read('SELECT contact_id FROM list_members ORDER BY contact_id')).toEqual([
      { contact_id: 9 },
    ]);
    expect(await read('SELECT contact_id FROM contact_tags')).toEqual([]);
  });
});
