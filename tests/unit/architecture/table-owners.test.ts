import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Tables have an owner (issue 9): only the domain that owns a table writes it; other domains call
 * that domain's functions. Read joins across domains stay allowed (set-based queries need them).
 * Checked on the source: raw SQL writes and TypeORM repository writes, outside migrations.
 */
const CORE = join(__dirname, '../../../electron/core');

const OWNERS: Record<string, { table: string; entity: string; folders: string[] }> = {
  contacts: { table: 'contacts', entity: 'ContactEntity', folders: ['contacts/'] },
  list_members: { table: 'list_members', entity: 'ListMemberEntity', folders: ['lists/'] },
  lists: { table: 'lists', entity: 'ListEntity', folders: ['lists/'] },
  conversations: {
    table: 'conversations',
    entity: 'ConversationEntity',
    folders: ['conversations/', 'webhooks/'],
  },
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'migrations' ? [] : sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

function writers(table: string, entity: string): string[] {
  const sql = new RegExp(`(INSERT\\s+(OR\\s+\\w+\\s+)?INTO|UPDATE|DELETE\\s+FROM)\\s+${table}\\b`, 'i');
  const repo = new RegExp(`getRepository\\(${entity}\\)\\s*\\.(insert|update|delete|save|upsert|increment)`);
  return sources(CORE)
    .filter((file) => {
      const text = readFileSync(file, 'utf8');
      return sql.test(text) || repo.test(text);
    })
    .map((file) => relative(CORE, file));
}

describe('tables have an owner', () => {
  for (const [name, owner] of Object.entries(OWNERS)) {
    it(`only ${owner.folders.join(' and ')} write ${name}`, () => {
      const found = writers(owner.table, owner.entity);
      expect(found.length).toBeGreaterThan(0);
      expect(found.filter((file) => !owner.folders.some((folder) => file.startsWith(folder)))).toEqual([]);
    });
  }
});
