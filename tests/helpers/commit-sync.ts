import type { EntityManager } from 'typeorm';
import type { Core } from '../../electron/core/create-core';
import type { CommitDurability, WritePriority } from '../../electron/core/db/write-queue';

/** One write transaction as it ran: its priority and SQLite's `synchronous` (2 FULL: waits for the disk; 1 NORMAL). */
export interface SeenCommit {
  priority: WritePriority;
  sync: number;
}

/** Runs `work` and returns, in order, each write transaction it led to and whether its commit waited for the disk. */
export async function recordCommitSync(core: Core, work: () => Promise<void>): Promise<SeenCommit[]> {
  const tx = core.ctx.tx;
  const run = tx.run.bind(tx);
  const seen: SeenCommit[] = [];
  tx.run = (<T>(
    job: (m: EntityManager) => Promise<T>,
    priority: WritePriority = 'normal',
    durability: CommitDurability = 'now',
  ) =>
    run(
      async (m) => {
        const [row] = (await m.query('PRAGMA synchronous')) as { synchronous: number }[];
        seen.push({ priority, sync: row!.synchronous });
        return job(m);
      },
      priority,
      durability,
    )) as typeof tx.run;
  try {
    await work();
  } finally {
    tx.run = run;
  }
  return seen;
}
