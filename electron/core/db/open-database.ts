import 'reflect-metadata';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import type { ReadDb } from './read-db';
import { finalizePrepared } from './prepared-writes';
import { WriteQueue } from './write-queue';

/**
 * TypeORM calls `verbose()` on whatever driver it is given, and sqlite3's verbose mode patches every
 * statement to capture a stack trace (a third of a statement's cost). This face of the module keeps
 * the driver as it is.
 */
const quietSqlite3 = { ...sqlite3, verbose: () => quietSqlite3 };

export interface Database {
  /** The one writer: every write is a transaction queued here. */
  tx: WriteQueue;
  /** A read-only connection: sees only committed data, never blocks the writer (WAL). */
  reader: ReadDb;
  close(): Promise<void>;
}

/**
 * The reader's page cache. SQLite's default (2 MB) is smaller than what one deep contact page or a
 * search's pages touch at 100,000 contacts, so each query read them again from the OS: 16 MB halved
 * a list's page jumped to and took a third off pages read by "next" (`bench/README.md`). It fills
 * only as pages are read; 32 MB was faster still on a search's deep pages, but a campaign's reads
 * fill it too and it took the app past its memory aim.
 */
export const READER_CACHE_KIB = 16 * 1024;

/** Files the database keeps beside itself; private to the user like the rest of the data folder. */
const SIDE_FILES = ['', '-wal', '-shm'];

/**
 * Opens the SQLite database file twice: a writing connection (WAL, foreign keys, migrations) used
 * only through the write queue, and a read-only one for everything that reads. `synchronize` is
 * never used: the schema only changes through migrations.
 */
export async function openDatabase(file: string): Promise<Database> {
  if (file === ':memory:') {
    // Two connections to ":memory:" would be two databases; the reader must see the writer's data.
    throw new Error('The database must be a file: ":memory:" cannot be shared by a reader and a writer');
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  // SQLite gives its -wal and -shm files the mode of the database file: create it private first.
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  restrictToOwner(file);
  const writer = new DataSource({
    type: 'sqlite',
    database: file,
    driver: quietSqlite3,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    enableWAL: true,
    // A second process (the CLI while the app runs) waits for a lock instead of failing at once.
    busyTimeout: 5000,
  });
  await writer.initialize();
  await writer.query('PRAGMA foreign_keys = ON');
  await writer.runMigrations();

  const reader = new DataSource({
    type: 'sqlite',
    database: file,
    driver: quietSqlite3,
    flags: sqlite3.OPEN_READONLY,
    entities: ENTITIES,
    synchronize: false,
    logging: false,
    busyTimeout: 5000,
  });
  await reader.initialize();
  // Belt and braces: even a raw statement cannot write through the reader.
  await reader.query('PRAGMA query_only = ON');
  await reader.query(`PRAGMA cache_size = -${READER_CACHE_KIB}`);

  return {
    tx: new WriteQueue(writer),
    reader: {
      manager: reader.manager,
      getRepository: (target) => reader.manager.getRepository(target),
      query: (sql, parameters) => reader.manager.query(sql, parameters),
    },
    close: async () => {
      await reader.destroy();
      await finalizePrepared(writer);
      await writer.destroy();
    },
  };
}

function restrictToOwner(file: string): void {
  if (process.platform === 'win32') return;
  for (const suffix of SIDE_FILES) {
    const path = `${file}${suffix}`;
    if (existsSync(path)) chmodSync(path, 0o600);
  }
}
