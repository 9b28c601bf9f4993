import { afterEach, describe, expect, it } from 'vitest';
import type { EntityManager } from 'typeorm';
import type { Core } from '../../../electron/core/create-core';
import type { CommitDurability, WritePriority } from '../../../electron/core/db/write-queue';
import { indexMergingHold } from '../../../electron/core/contacts/search-index-merge';
import { fail } from '../../helpers/dispatch';
import { makeTestCore, writeSql, type TestCore } from '../../helpers/test-core';
import { base64, contactsWorld, importCsv, type ContactsWorld } from './setup';

/**
 * FTS5 merges the contacts' index as rows are written; an import holds that merging while it
 * writes (it merges the whole index once at its end) and gives it back, even when it fails or the
 * app stops half-way (bench/README.md, issue 15).
 */
let w: ContactsWorld | undefined;
let restarted: TestCore | undefined;
afterEach(async () => {
  await restarted?.close();
  await w?.tc.close();
  w = restarted = undefined;
});

/** FTS5's `automerge` as stored, or null while it has never been set (its default, 4). */
async function automerge(core: Core): Promise<number | null> {
  const rows = (await core.ctx.db.query(`SELECT v FROM contacts_fts_config WHERE k = 'automerge'`)) as {
    v: number;
  }[];
  return rows.length ? Number(rows[0]!.v) : null;
}

const rows = (count: number, series: number) =>
  Array.from({ length: count }, (_, i) => `Merging ${i},+91 9${series}444 ${String(10000 + i)}`);

describe("an import and the search index's own merging", () => {
  it('holds it while the rows are written and gives it back after', async () => {
    w = await contactsWorld();
    const tx = w.core.ctx.tx;
    const run = tx.run.bind(tx);
    const seenWhileWriting: (number | null)[] = [];
    tx.run = (<T>(
      work: (m: EntityManager) => Promise<T>,
      priority: WritePriority = 'normal',
      durability: CommitDurability = 'now',
    ) =>
      run(
        async (m) => {
          const result = await work(m);
          const [row] = (await m.query(`SELECT v FROM contacts_fts_config WHERE k = 'automerge'`)) as {
            v: number;
          }[];
          seenWhileWriting.push(row ? Number(row.v) : null);
          return result;
        },
        priority,
        durability,
      )) as typeof tx.run;
    try {
      const report = await importCsv(w, ['name,phone', ...rows(30, 1)].join('\n'), { importId: 'held' });
      expect(report.created).toBe(30);
    } finally {
      tx.run = run;
    }
    // The batch's own transaction ran with merging held.
    expect(seenWhileWriting).toContain(0);
    expect(await automerge(w.core)).toBe(4);
  });

  it('gives it back when the import fails', async () => {
    w = await contactsWorld();
    await writeSql(
      w.core,
      `CREATE TRIGGER inject_failure BEFORE INSERT ON contacts BEGIN SELECT RAISE(ABORT, 'injected'); END`,
    );
    await fail(w.core, w.token, 'contacts.importRun', {
      importId: 'fails',
      contentBase64: base64(['name,phone', ...rows(5, 2)].join('\n')),
      mapping: ['name', 'phone'],
      listIds: [],
      tags: [],
    });
    expect(await automerge(w.core)).toBe(4);
  });

  it('is given back at the next start when the app stopped while it was held', async () => {
    w = await contactsWorld();
    // As a crash in the middle of an import leaves the database.
    await indexMergingHold(w.core.ctx.tx).hold();
    expect(await automerge(w.core)).toBe(0);
    await w.tc.stop();
    restarted = await makeTestCore({ dataDir: w.tc.dataDir });
    expect(await automerge(restarted.core)).toBe(4);
  });
});
