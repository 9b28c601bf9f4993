import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from 'typeorm';
import { indexMergingHold } from '../../../electron/core/contacts/search-index-merge';
import { IMPORT_BATCH_ROWS } from '../../../electron/core/contacts/csv/import-contacts';
import { STATEMENT_ROWS } from '../../../electron/core/contacts/csv/import-batch';
import type { CommitDurability, WritePriority } from '../../../electron/core/db/write-queue';
import { contactsWorld, importCsv, type ContactsWorld } from './setup';

let w: ContactsWorld;
beforeAll(async () => {
  w = await contactsWorld();
});
afterAll(async () => {
  await w?.tc.close();
});

/**
 * A big import writes thousands of rows a transaction (faster than 500 at a time), yet a
 * webhook's acknowledgement arriving meanwhile waits for one group of rows, not the transaction.
 */
describe('an import while an urgent write waits', () => {
  it('ends its transaction after the group being written, and imports every row all the same', async () => {
    const total = IMPORT_BATCH_ROWS * 2;
    const rows = Array.from({ length: total }, (_, i) => `Y${i},+91 97777 ${String(10000 + i)}`);
    const tx = w.core.ctx.tx;
    const run = tx.run.bind(tx);
    // The index's merging held already, so the import's first transaction is its first batch.
    const merging = indexMergingHold(tx);
    await merging.hold();
    let urgent: Promise<number> | null = null;
    // The first time the import opens a transaction, an urgent write asks to go next; it notes how
    // many contacts were committed when its turn came.
    tx.run = (<T>(
      work: (m: EntityManager) => Promise<T>,
      priority: WritePriority = 'normal',
      durability: CommitDurability = 'now',
    ) => {
      const result = run(work, priority, durability);
      urgent ??= run(async (m) => {
        const [row] = (await m.query('SELECT count(*) AS n FROM contacts')) as { n: number }[];
        return row!.n;
      }, 'urgent');
      return result;
    }) as typeof tx.run;
    try {
      const report = await importCsv(w, ['name,phone', ...rows].join('\n'), { importId: 'yields' });
      expect(report).toMatchObject({ created: total, skipped: 0 });
    } finally {
      tx.run = run;
      await merging.release();
    }
    expect(urgent).not.toBeNull();
    // One group of the first transaction, not the whole transaction.
    expect(await urgent!).toBe(STATEMENT_ROWS);
    const [count] = (await w.core.ctx.db.query(
      "SELECT count(*) AS n FROM contacts WHERE name LIKE 'Y%'",
    )) as {
      n: number;
    }[];
    expect(count!.n).toBe(total);
  });
});
