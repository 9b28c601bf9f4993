import type { ReadDb } from '../db/read-db';
import type { WriteQueue } from '../db/write-queue';

/** Index pages merged a transaction: at 100,000 contacts a step takes 3 ms at p50, 34 ms at most. */
const PAGES_A_STEP = 50;
/** A bound, should SQLite keep reporting work: far more steps than 100,000 contacts need (75). */
const MAX_STEPS = 10_000;

/**
 * Merges the contacts' full-text index into one segment, a few pages a transaction. Each batch of an
 * import leaves a small segment, and a merged index makes the broadest searches a little faster.
 * FTS5's `optimize` does it in one statement: 0.24–0.36 s at 100,000 contacts during which the one
 * writer is held and a webhook's acknowledgement waits. Its incremental form (`merge` with a negative
 * page count) does the same work in steps, and an urgent write goes between any two. A step changes
 * nothing a search sees, so it need not wait for the disk: lost to a power cut, the index is as valid,
 * only less merged. Returns how many steps it took.
 */
export async function mergeSearchIndex(tx: WriteQueue, pagesAStep = PAGES_A_STEP): Promise<number> {
  for (let step = 1; step <= MAX_STEPS; step++) {
    const worked = await tx.run(
      async (m) => {
        const changes = async () => ((await m.query('SELECT total_changes() AS n')) as { n: number }[])[0]!.n;
        const before = await changes();
        await m.query(`INSERT INTO contacts_fts(contacts_fts, rank) VALUES ('merge', ?)`, [-pagesAStep]);
        // SQLite's documented signal: fewer than two changes means there was nothing left to merge.
        return (await changes()) - before >= 2;
      },
      'normal',
      'with-next',
    );
    if (!worked) return step;
  }
  return MAX_STEPS;
}

/** FTS5's `automerge` when nothing says otherwise: merge once four segments of a level exist. */
const FTS5_AUTOMERGE = 4;

const setAutomerge = (tx: WriteQueue, value: number) =>
  tx.run((m) => m.query(`INSERT INTO contacts_fts(contacts_fts, rank) VALUES ('automerge', ?)`, [value]));

/**
 * FTS5 merges the index's segments as rows are written (`automerge`), so a big import merged the
 * same rows again and again, level after level, only for `mergeSearchIndex` to merge everything
 * once more at its end: 100,000 rows in 5.8 s against 5.4 s with FTS5's merging held
 * (bench/README.md). Held while any import writes and given back when the last one ends, so
 * there is one hold per database (`indexMergingHold`); a crash while held is undone at the next
 * start (`resumeMergingAfterCrash`). Searches find the same either way: a segment more or less
 * changes how fast, not what.
 */
export class IndexMergingHold {
  private holders = 0;

  constructor(private readonly tx: WriteQueue) {}

  async hold(): Promise<void> {
    // Counted once held: a hold that failed has nothing to give back.
    if (this.holders === 0) await setAutomerge(this.tx, 0);
    this.holders++;
  }

  async release(): Promise<void> {
    if (--this.holders === 0) await setAutomerge(this.tx, FTS5_AUTOMERGE);
  }
}

const holds = new WeakMap<WriteQueue, IndexMergingHold>();

/** The one hold of the database this queue writes to. */
export function indexMergingHold(tx: WriteQueue): IndexMergingHold {
  let hold = holds.get(tx);
  if (!hold) holds.set(tx, (hold = new IndexMergingHold(tx)));
  return hold;
}

/**
 * At start: an import the app did not finish left FTS5's merging held; it merges again. Read
 * through the reader, so a normal start costs no write transaction.
 */
export async function resumeMergingAfterCrash(reader: ReadDb, tx: WriteQueue): Promise<boolean> {
  const rows = (await reader.query(`SELECT v FROM contacts_fts_config WHERE k = 'automerge'`)) as {
    v: unknown;
  }[];
  const held = rows.length > 0 && Number(rows[0]!.v) === 0;
  if (held) await setAutomerge(tx, FTS5_AUTOMERGE);
  return held;
}
