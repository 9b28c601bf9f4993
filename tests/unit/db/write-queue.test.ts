import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../electron/core/db/open-database';
import { makeTempDir } from '../../helpers/test-core';

let dir: string;
let db: Database;
beforeEach(async () => {
  dir = makeTempDir('wapidesk-queue-');
  db = await openDatabase(join(dir, 'test.sqlite'));
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the write queue', () => {
  it('runs one transaction at a time, in order, each all-or-nothing', async () => {
    const order: string[] = [];
    const slow = db.tx.run(async (m) => {
      order.push('a starts');
      await m.query(
        "INSERT INTO alerts (kind, message, details, created_at) VALUES ('x', 'a', '{}', '2030-01-01')",
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      order.push('a ends');
    });
    const failing = db.tx.run(async (m) => {
      order.push('b starts');
      await m.query(
        "INSERT INTO alerts (kind, message, details, created_at) VALUES ('x', 'b', '{}', '2030-01-01')",
      );
      throw new Error('b fails');
    });
    const after = db.tx.run(async () => {
      order.push('c starts');
    });
    await slow;
    await expect(failing).rejects.toThrow('b fails');
    await after;
    expect(order).toEqual(['a starts', 'a ends', 'b starts', 'c starts']);
    const rows = await db.reader.query<{ message: string }[]>('SELECT message FROM alerts ORDER BY id');
    expect(rows.map((r) => r.message)).toEqual(['a']);
  });

  it('runs an urgent write (a webhook to acknowledge) before normal ones that have not started', async () => {
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const running = db.tx.run(async () => {
      order.push('running');
      await held;
    });
    const normal = db.tx.run(async () => void order.push('normal'));
    const urgent = db.tx.run(async () => void order.push('urgent'), 'urgent');
    release();
    await Promise.all([running, normal, urgent]);
    expect(order).toEqual(['running', 'urgent', 'normal']);
  });

  it('drained() waits for everything queued so far', async () => {
    let done = 0;
    for (let i = 0; i < 5; i += 1) void db.tx.run(async () => void (done += 1));
    expect(db.tx.depth).toBeGreaterThan(0);
    await db.tx.drained();
    expect(done).toBe(5);
    expect(db.tx.depth).toBe(0);
  });
});
