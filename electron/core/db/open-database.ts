import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * Opens the SQLite database, switches on WAL and foreign keys, and runs pending migrations.
 * `synchronize` is never used: the schema only changes through migrations.
 */
export async function openDatabase(file: string): Promise<DataSource> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const dataSource = new DataSource({
    type: 'sqlite',
    database: file,
    // TypeORM would load sqlite3 in verbose mode, which captures a stack trace for every query.
    driver: sqlite3,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    enableWAL: file !== ':memory:',
  });
  await dataSource.initialize();
  await dataSource.query('PRAGMA foreign_keys = ON');
  // A second process (the CLI while the app runs) waits for a lock instead of failing at once.
  await dataSource.query('PRAGMA busy_timeout = 5000');
  await dataSource.runMigrations();
  return dataSource;
}
