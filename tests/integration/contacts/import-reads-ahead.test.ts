import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from 'typeorm';
import type { InputOf } from '@shared/operations';
import { fail, ok } from '../../helpers/dispatch';
import { writeSql } from '../../helpers/test-core';
import { indexMergingHold } from '../../../electron/core/contacts/search-index-merge';
import { ContactImporter, IMPORT_BATCH_ROWS } from '../../../electron/core/contacts/csv/import-contacts';
import { readRecords } from '../../../electron/core/contacts/csv/read-records';
import type { CommitDurability, WritePriority } from '../../../electron/core/db/write-queue';
import { base64, contactsWorld, type ContactsWorld } from './setup';

let w: ContactsWorld;
beforeAll(async () => {
  w = await contactsWorld();
});
afterAll(async () => {
  await w?.tc.close();
});

const BATCH = IMPORT_BATCH_ROWS;
/** Line n of a file holds +91 9 (series) 000 (10000 + n): each test its own numbers. */
const phoneOnLine = (line: number, series = 7) => `+919${series}000${10000 + line}`;
const csvOf = (rows: number, prefix: string, series = 7) =>
  [
    'name,phone',
    ...Array.from({ length: rows }, (_, i) => `${prefix}${i + 2},${phoneOnLine(i + 2, series)}`),
  ].join('\n');
const count = async (sql: string) => ((await w.core.ctx.db.query(sql)) as { n: number }[])[0]!.n;

/**
 * SQLite writes on its own thread, so the importer reads and checks the next batch while one is
 * being written (issue 15: both cores busy instead of one after the other).
 */
describe('an import reads ahead while a batch is written', () => {
  it('reads the next batch while the first is held in its transaction', async () => {
    const tx = w.core.ctx.tx;
    const run = tx.run.bind(tx);
    // The index's merging held already, so the import's first transaction is its first batch.
    const merging = indexMergingHold(tx);
    await merging.hold();
    let readWhileHeld = -1;
    let first = true;
    // The import's first transaction waits (up to 5 s) until the reader has taken the whole next
    // batch, and notes how far it got: read one after the other, it stays at the first batch.
    tx.run = (<T>(
      work: (m: EntityManager) => Promise<T>,
      priority: WritePriority = 'normal',
      durability: CommitDurability = 'now',
    ) => {
      if (!first) return run(work, priority, durability);
      first = false;
      return run(
        async (m) => {
          const result = await work(m);
          const until = Date.now() + 5000;
          while (read.records < 2 * BATCH + 1 && Date.now() < until)
            await new Promise((r) => setTimeout(r, 10));
          readWhileHeld = read.records;
          return result;
        },
        priority,
        durability,
      );
    }) as typeof tx.run;
    // The importer the app uses, with a reader that counts the records it hands over.
    const read = { records: 0 };
    const importer = new ContactImporter(w.core.ctx, BATCH, async function* (...args) {
      for await (const item of readRecords(...args)) {
        read.records++;
        yield item;
      }
    });
    try {
      const report = await importer.run(null, {
        importId: 'ahead',
        content: Buffer.from(csvOf(BATCH * 3, 'Ahead ')),
        mapping: ['name', 'phone'],
        listIds: [],
        tags: [],
        mode: 'overwrite',
      });
      expect(report).toMatchObject({ created: BATCH * 3, skipped: 0 });
    } finally {
      tx.run = run;
      await merging.release();
    }
    expect(readWhileHeld).toBe(2 * BATCH + 1);
    expect(await count("SELECT count(*) AS n FROM contacts WHERE name LIKE 'Ahead %'")).toBe(BATCH * 3);
    // The dashboard's contact figures, kept by triggers as rows are inserted, counted every one.
    const dashboard = await ok(w.core, w.token, 'dashboard.get', { days: 7 });
    expect(dashboard.contacts).toMatchObject({ total: BATCH * 3, newInPeriod: BATCH * 3 });
  });

  it('stops at a failed batch in the middle and writes nothing read after it', async () => {
    // The second of four transactions fails; the third has been read by then and must not be written.
    const failing = BATCH + 2 + 700;
    await writeSql(
      w.core,
      `CREATE TRIGGER inject_failure BEFORE INSERT ON contacts
       WHEN NEW.phone = '${phoneOnLine(failing, 6)}' BEGIN SELECT RAISE(ABORT, 'injected disk failure'); END`,
    );
    const input: InputOf<'contacts.importRun'> = {
      importId: 'middle',
      contentBase64: base64(csvOf(BATCH * 4, 'Middle ', 6)),
      mapping: ['name', 'phone'],
      listIds: [],
      tags: [],
    };
    try {
      const error = await fail(w.core, w.token, 'contacts.importRun', input);
      expect(error.message).toContain(`stopped at line ${BATCH + 2}`);
      expect(error.message).toContain(`${BATCH} contacts were imported`);
    } finally {
      await writeSql(w.core, 'DROP TRIGGER inject_failure');
    }
    expect(await count("SELECT count(*) AS n FROM contacts WHERE name LIKE 'Middle %'")).toBe(BATCH);
    expect(
      await count(
        `SELECT count(*) AS n FROM contacts WHERE phone >= '${phoneOnLine(BATCH + 2, 6)}' AND phone LIKE '+9196%'`,
      ),
    ).toBe(0);
    // Once the fault is gone, the same file completes the import.
    const report = await ok(w.core, w.token, 'contacts.importRun', input);
    expect(report).toMatchObject({ created: BATCH * 3, updated: 0, unchanged: BATCH });
  });
});
