import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputOf } from '@shared/operations';
import { fail, ok } from '../../helpers/dispatch';
import { base64, contactsWorld, type ContactsWorld } from './setup';
import { writeSql } from '../../helpers/test-core';
import { IMPORT_BATCH_ROWS } from '../../../electron/core/contacts/csv/import-contacts';

let w: ContactsWorld;
beforeAll(async () => {
  w = await contactsWorld();
});
afterAll(async () => {
  await w?.tc.close();
});

/** Three transactions' worth (2,000 rows each, the last one short). Line n holds +91 98000 (10000 + n). */
const BATCH = IMPORT_BATCH_ROWS;
const ROWS = BATCH * 2 + BATCH / 2;
/** The first line of the third transaction (line 1 is the header). */
const THIRD = BATCH * 2 + 2;
const phoneOnLine = (line: number) => `+9198000${10000 + line}`;
const csv = [
  'name,phone,tags',
  ...Array.from({ length: ROWS }, (_, i) => `Row ${i + 2},${phoneOnLine(i + 2)},batch`),
].join('\n');
const count = async (sql: string) => ((await w.core.ctx.db.query(sql)) as { n: number }[])[0]!.n;

describe('an import that fails half-way', () => {
  it('keeps whole batches, leaves no row of the failed batch half-written, and says where it stopped', async () => {
    const list = await ok(w.core, w.token, 'lists.create', { name: 'Interrupted' });
    // The database fails in the third transaction, after its contacts and tags are written and
    // while its list memberships are: exactly where a half-written row would appear.
    await w.core.ctx.tx.run((m) =>
      m.query(`CREATE TRIGGER inject_failure BEFORE INSERT ON list_members
      WHEN (SELECT phone FROM contacts WHERE id = NEW.contact_id) = '${phoneOnLine(THIRD + 300)}'
      BEGIN SELECT RAISE(ABORT, 'injected disk failure'); END`),
    );
    const input: InputOf<'contacts.importRun'> = {
      importId: 'interrupted',
      contentBase64: base64(csv),
      mapping: ['name', 'phone', 'tags'],
      listIds: [list.id],
      tags: [],
    };
    const error = await fail(w.core, w.token, 'contacts.importRun', input);
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toContain(`stopped at line ${THIRD}`);
    expect(error.message).toContain(`${BATCH * 2} contacts were imported (${BATCH * 2} new, 0 updated)`);
    expect(error.message).toContain('Importing the same file again is safe');
    expect(error.message).not.toMatch(/SQLITE|injected/);
    expect(w.tc.logger.lines.some((l) => l.level === 'error' && String(l.error).includes('injected'))).toBe(
      true,
    );

    // Transactions 1 and 2 are in, whole: every contact with its tag and its membership.
    expect(await count('SELECT count(*) AS n FROM contacts')).toBe(BATCH * 2);
    expect(await count("SELECT count(*) AS n FROM contact_tags WHERE tag = 'batch'")).toBe(BATCH * 2);
    expect(await count(`SELECT count(*) AS n FROM list_members WHERE list_id = ${list.id}`)).toBe(BATCH * 2);
    expect(await count('SELECT max(id) AS n FROM contacts')).toBe(BATCH * 2);
    // Nothing from the third transaction on, not even the rows written before the failure inside it.
    expect(await count(`SELECT count(*) AS n FROM contacts WHERE phone >= '${phoneOnLine(THIRD)}'`)).toBe(0);
    // The search index matches the table.
    expect(await count(`SELECT count(*) AS n FROM contacts_fts WHERE contacts_fts MATCH '"row"'`)).toBe(
      BATCH * 2,
    );
    const audit = await ok(w.core, w.token, 'audit.list', { limit: 1 });
    expect(audit[0]).toMatchObject({
      action: 'contacts.import_failed',
      details: { created: BATCH * 2, stoppedAtLine: THIRD },
    });

    // Once the fault is gone, importing the same file again completes it without duplicates.
    await writeSql(w.core, 'DROP TRIGGER inject_failure');
    const report = await ok(w.core, w.token, 'contacts.importRun', input);
    expect(report).toMatchObject({
      totalRows: ROWS,
      created: BATCH / 2,
      updated: 0,
      unchanged: BATCH * 2,
      skipped: 0,
    });
    expect(await count('SELECT count(*) AS n FROM contacts')).toBe(ROWS);
    expect(await ok(w.core, w.token, 'lists.get', { id: list.id })).toMatchObject({ subscribedCount: ROWS });
  });
});
