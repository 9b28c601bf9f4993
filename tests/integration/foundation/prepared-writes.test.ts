import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../electron/core/db/open-database';
import { executePrepared } from '../../../electron/core/db/prepared-writes';
import { makeTempDir } from '../../helpers/test-core';

/**
 * The runner's writes run as statements prepared once (db/prepared-writes.ts). They must still be
 * part of the transaction they run in, and the database must still close.
 */
let dir = '';
let db: Database | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
  rmSync(dir, { recursive: true, force: true });
});

const INSERT = `INSERT INTO contacts (name, name_key, phone, wa_id, search_doc, created_at, updated_at)
  VALUES (?, ?, ?, ?, '', '2030-01-01 00:00:00.000', '2030-01-01 00:00:00.000')`;
const names = async () =>
  ((await db!.reader.query(`SELECT name FROM contacts ORDER BY id`)) as { name: string }[]).map(
    (r) => r.name,
  );

it('commits and rolls back with the transaction it runs in, run again from the same statement', async () => {
  dir = makeTempDir();
  db = await openDatabase(join(dir, 'wapidesk.db'));
  const database = db;
  const add = (name: string, phone: string) =>
    database.tx.run((m) => executePrepared(m, INSERT, [name, name.toLowerCase(), phone, phone.slice(1)]));

  expect(await add('Asha', '+919876543210')).toBe(1);
  expect(await add('Mei', '+6591234567')).toBe(1);
  await expect(
    database.tx.run(async (m) => {
      await executePrepared(m, INSERT, ['Lost', 'lost', '+14155550100', '14155550100']);
      throw new Error('the rest of the transaction failed');
    }),
  ).rejects.toThrow('the rest of the transaction failed');
  // A constraint broken by the prepared statement itself fails its transaction, and nothing else.
  await expect(add('Asha again', '+919876543210')).rejects.toThrow(/UNIQUE/);
  expect(await names()).toEqual(['Asha', 'Mei']);
  // Outside a transaction it refuses: a write must go through the one writer.
  await expect(executePrepared(database.reader.manager as never, INSERT, [])).rejects.toThrow(
    /inside ctx.tx.run/,
  );
  await database.close();
  db = null;
});
