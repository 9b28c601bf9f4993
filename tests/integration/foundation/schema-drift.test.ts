import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EntityMetadata, EntitySchema, ObjectLiteral } from 'typeorm';
import { ENTITIES } from '../../../electron/core/db/entities';
import { makeTestCore, type TestCore } from '../../helpers/test-core';

/**
 * The entity schemas (what the code reads and writes) and the migrations (what the database holds)
 * are written separately; this compares them table by table so the two cannot drift apart.
 */

let tc: TestCore;

function metadataOf(entity: EntitySchema<ObjectLiteral>): EntityMetadata {
  return tc.core.ctx.db.getRepository(entity).metadata;
}

beforeAll(async () => {
  tc = await makeTestCore();
});
afterAll(async () => {
  await tc.close();
});

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}
interface ForeignKeyInfo {
  id: number;
  table: string;
  from: string;
  to: string;
  on_delete: string;
}

/** SQLite keeps the declared type as written; the entity names TypeORM's type. Compare affinities. */
function affinity(type: string): string {
  const t = type.toLowerCase();
  if (t.includes('int') || t === 'boolean') return 'integer';
  if (t.includes('char') || t.includes('text') || t.includes('clob') || t.includes('json')) return 'text';
  if (t.includes('date') || t.includes('time')) return 'datetime';
  if (t.includes('real') || t.includes('floa') || t.includes('doub')) return 'real';
  if (t.includes('blob')) return 'blob';
  return t;
}

function describeKey(columns: string[], table: string, to: string[], onDelete: string): string {
  return `(${columns.join(',')}) → ${table}(${to.join(',')}) on delete ${onDelete.toUpperCase()}`;
}

it('every entity matches its table: columns, types, nullability, primary key and foreign keys', async () => {
  const problems: string[] = [];
  for (const entity of ENTITIES) {
    const meta = metadataOf(entity as EntitySchema<ObjectLiteral>);
    const table = meta.tableName;
    const columns = await tc.core.ctx.db.query<ColumnInfo[]>(`PRAGMA table_info("${table}")`);
    if (columns.length === 0) {
      problems.push(`${table}: no such table`);
      continue;
    }
    const inDb = new Map(columns.map((c) => [c.name, c]));
    for (const column of meta.columns) {
      const found = inDb.get(column.databaseName);
      if (!found) {
        problems.push(`${table}.${column.databaseName}: in the entity, not in the table`);
        continue;
      }
      inDb.delete(column.databaseName);
      const declared = affinity(String(column.type));
      if (declared !== affinity(found.type)) {
        problems.push(`${table}.${column.databaseName}: entity ${declared}, table ${found.type}`);
      }
      if (!column.isPrimary && column.isNullable === (found.notnull === 1)) {
        problems.push(
          `${table}.${column.databaseName}: entity ${column.isNullable ? 'nullable' : 'NOT NULL'}, table ${found.notnull ? 'NOT NULL' : 'nullable'}`,
        );
      }
      if (column.isPrimary !== found.pk > 0) {
        problems.push(`${table}.${column.databaseName}: primary key differs`);
      }
    }
    for (const rest of inDb.keys()) problems.push(`${table}.${rest}: in the table, not in the entity`);

    const keys = await tc.core.ctx.db.query<ForeignKeyInfo[]>(`PRAGMA foreign_key_list("${table}")`);
    const dbKeys = new Map<number, ForeignKeyInfo[]>();
    for (const key of keys) dbKeys.set(key.id, [...(dbKeys.get(key.id) ?? []), key]);
    const actual = [...dbKeys.values()]
      .map((parts) =>
        describeKey(
          parts.map((p) => p.from),
          parts[0]!.table,
          parts.map((p) => p.to),
          parts[0]!.on_delete,
        ),
      )
      .sort();
    const declared = meta.foreignKeys
      .map((fk) =>
        describeKey(
          fk.columnNames,
          fk.referencedEntityMetadata.tableName,
          fk.referencedColumnNames,
          fk.onDelete ?? 'NO ACTION',
        ),
      )
      .sort();
    if (JSON.stringify(actual) !== JSON.stringify(declared)) {
      problems.push(
        `${table} foreign keys: table ${JSON.stringify(actual)}, entity ${JSON.stringify(declared)}`,
      );
    }
  }
  expect(problems).toEqual([]);
});

it('every table of the database has an entity (or is one of SQLite’s or the search index’s own)', async () => {
  const tables = await tc.core.ctx.db.query<{ name: string }[]>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  );
  const known = new Set(ENTITIES.map((e) => metadataOf(e as EntitySchema<ObjectLiteral>).tableName));
  const own = (name: string) => name === 'migrations' || /_fts(_|$)/.test(name);
  expect(tables.map((t) => t.name).filter((name) => !known.has(name) && !own(name))).toEqual([]);
});
