import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Tables have an owner (issue 9): only the domain that owns a table names it, in SQL or through its
 * TypeORM entity; other domains read and write it by calling that domain's functions. A set-based
 * query that spans domains composes the SQL fragments each owner exports (`db/sql.ts` `Fragment`),
 * so renaming a column touches one folder. Checked on the source, outside migrations and the entity
 * declarations.
 */
const CORE = join(__dirname, '../../../electron/core');

const OWNERS: Record<string, readonly string[]> = {
  'contacts/': ['contacts', 'contact_tags', 'contact_attributes', 'contacts_fts', 'contact_totals'],
  'lists/': ['lists', 'list_members'],
  'campaigns/': [
    'campaigns',
    'campaign_lists',
    'campaign_pauses',
    'campaign_tallies',
    'campaign_minutes',
    'campaign_reply_marks',
  ],
  'messaging/': ['messages', 'message_status_events', 'messages_fts'],
  'conversations/': [
    'conversations',
    'conversation_labels',
    'conversation_notes',
    'conversation_openings',
    'conversation_buckets',
    'inbox_preferences',
  ],
  'people/': ['users', 'roles', 'role_permissions', 'user_roles', 'admin_withdrawn_permissions'],
  'auth/': ['sessions'],
  'phone-numbers/': ['phone_numbers'],
  'templates/': ['templates'],
  'media/': ['media'],
  'organization/': ['organization'],
  'pricing/': ['price_table', 'price_settings', 'pricing_buckets', 'campaign_pricing'],
  'dashboard/': ['activity_buckets'],
  'webhooks/': ['webhook_inbox', 'webhook_field_stats', 'alerts'],
  'quality/': ['quality_history'],
  'portfolio/': ['messaging_limit', 'portfolio_reach'],
  'replies/': ['quick_replies', 'auto_replies', 'inbox_settings'],
  'tokens/': ['api_tokens'],
  'audit/': ['audit_log'],
  'tunnel/': ['tunnel_settings'],
  'connectivity/': ['webhook_callback'],
  'getting-started/': ['getting_started_marks'],
};

const ownerOf = new Map(Object.entries(OWNERS).flatMap(([folder, tables]) => tables.map((t) => [t, folder])));

/** Entity name → table name, read from the entity declarations. */
function entities(): Map<string, string> {
  const found = new Map<string, string>();
  const dir = join(CORE, 'db/entities');
  const declaration = /export const (\w+Entity) = new EntitySchema<\w+>\(\{[\s\S]*?tableName: '([a-z_]+)'/g;
  for (const name of readdirSync(dir)) {
    for (const m of readFileSync(join(dir, name), 'utf8').matchAll(declaration))
      found.set(m[1] ?? '', m[2] ?? '');
  }
  return found;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory())
      return name === 'migrations' || name === 'entities' ? [] : sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Comments explain in words ("read from contacts"); only code counts. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

/** `file: what it names` for every use of a table outside its owner's folder. */
function trespasses(): string[] {
  const byEntity = entities();
  const out: string[] = [];
  for (const file of sources(CORE)) {
    const rel = relative(CORE, file).replaceAll('\\', '/');
    if (rel.startsWith('db/')) continue;
    const text = code(readFileSync(file, 'utf8'));
    for (const [table, folder] of ownerOf) {
      if (rel.startsWith(folder)) continue;
      if (new RegExp(`\\b(FROM|JOIN|INTO|UPDATE|TABLE)\\s+${table}\\b`, 'i').test(text))
        out.push(`${rel}: ${table}`);
    }
    for (const [entity, table] of byEntity) {
      const folder = ownerOf.get(table);
      if (folder && rel.startsWith(folder)) continue;
      const uses = text.replace(/^import[^;]*;/gm, '');
      if (new RegExp(`\\b${entity}\\b`).test(uses)) out.push(`${rel}: ${entity}`);
    }
  }
  return out;
}

describe('tables have an owner', () => {
  it('every table the entities declare has an owning folder', () => {
    const missing = [...new Set(entities().values())].filter((table) => !ownerOf.has(table));
    expect(missing).toEqual([]);
  });

  it('the check sees what it looks for', () => {
    // Guards the regular expressions: the owners themselves name their tables.
    const owned = sources(join(CORE, 'contacts')).some((f) =>
      /FROM\s+contacts\b/.test(readFileSync(f, 'utf8')),
    );
    expect(owned).toBe(true);
  });

  it('no domain names another domain’s table, in SQL or through its entity', () => {
    expect(trespasses()).toEqual([]);
  });
});
