import type { CsvExport } from '@shared/types/contacts';
import type { CoreContext } from '../../core-context';
import { loadAttributes, loadContacts, loadTags } from '../contact-rows';
import { contactWhere, type ContactFilter, type ContactSearch } from '../contact-search';
import { select } from '../../db/sql';
import { listNameById } from '../../lists/list-lookup';
import { csvLine, guardFormula, TAG_SEPARATOR } from './csv-format';

/**
 * Contacts matching a filter as CSV: name, phone, user_id (WhatsApp's id of a customer who hides
 * their number), email, tags (joined with '|'), status, opted_out
 * (yes/no) and one column per attribute key in use among them. RFC 4180 quoting, CRLF line ends,
 * comma delimiter, UTF-8 without a byte order mark (the caller may add one for Excel). Reads a
 * thousand contacts at a time, so 100,000 rows never sit in memory as objects.
 */
export async function exportContacts(
  ctx: CoreContext,
  search: ContactSearch,
  filter: ContactFilter,
): Promise<CsvExport> {
  const m = ctx.db.manager;
  const where = contactWhere(filter);
  const keys = (
    await select<{ key: string }>(
      m,
      `SELECT DISTINCT a.key FROM contact_attributes a
       WHERE a.contact_id IN (SELECT c.id FROM contacts c WHERE ${where.sql}) ORDER BY a.key`,
      where.params,
    )
  ).map((r) => r.key);
  const lines = [csvLine(['name', 'phone', 'user_id', 'email', 'tags', 'status', 'opted_out', ...keys])];
  let rows = 0;
  for await (const ids of search.ids(m, filter)) {
    const [contacts, tags, attributes] = await Promise.all([
      loadContacts(m, ids),
      loadTags(m, ids),
      loadAttributes(m, ids),
    ]);
    contacts.sort((a, b) => a.id - b.id);
    for (const c of contacts) {
      const values = attributes.get(c.id) ?? {};
      lines.push(
        csvLine([
          guardFormula(c.name),
          c.phone ?? '',
          c.user_id ?? '',
          guardFormula(c.email ?? ''),
          guardFormula((tags.get(c.id) ?? []).join(TAG_SEPARATOR)),
          c.status,
          c.opted_out === 1 ? 'yes' : 'no',
          ...keys.map((key) => guardFormula(values[key] ?? '')),
        ]),
      );
      rows++;
    }
  }
  return { fileName: await fileName(ctx, filter), csv: lines.join(''), rows };
}

async function fileName(ctx: CoreContext, filter: ContactFilter): Promise<string> {
  const day = ctx.clock.now().toISOString().slice(0, 10);
  if (filter.listId !== undefined) {
    const name = await listNameById(ctx.db.manager, filter.listId);
    const slug = (name ?? `list-${filter.listId}`)
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
    return `${slug || 'list'}-${day}.csv`;
  }
  return `contacts-${day}.csv`;
}
