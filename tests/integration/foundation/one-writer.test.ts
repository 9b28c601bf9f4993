import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrganizationEntity } from '../../../electron/core/db/entities/organization';
import { SessionEntity } from '../../../electron/core/db/entities/session';
import { hashToken } from '../../../electron/core/util/tokens';
import { ok } from '../../helpers/dispatch';
import { signInOwner } from '../../helpers/people';
import { makeTestCore, type TestCore } from '../../helpers/test-core';

/**
 * SQLite has one writer. These pin down the two ways sharing one connection went wrong: a read made
 * while another flow's transaction was open saw that flow's uncommitted values, and a write made
 * beside that transaction was rolled back with it.
 */

let tc: TestCore;
let token: string;

beforeEach(async () => {
  tc = await makeTestCore();
  token = await signInOwner(tc);
});
afterEach(async () => {
  await tc.close();
});

/** Opens a write transaction that stays open until `release` is called, then rolls back. */
function holdTransaction(work: (m: import('typeorm').EntityManager) => Promise<void>) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let opened!: () => void;
  const isOpen = new Promise<void>((resolve) => (opened = resolve));
  const done = tc.core.ctx.tx
    .run(async (m) => {
      await work(m);
      opened();
      await released;
      throw new Error('rolled back on purpose');
    })
    .catch((error: unknown) => error);
  return { isOpen, release, done };
}

describe('reads', () => {
  it('never see a value another flow has written but not committed', async () => {
    const contact = await ok(tc.core, token, 'contacts.create', {
      name: 'Asha Rao',
      phone: '+91 98765 43210',
      tags: [],
      attributes: {},
      listIds: [],
    });
    const held = holdTransaction(async (m) => {
      await m.query('UPDATE contacts SET name = ? WHERE id = ?', ['Never committed', contact.id]);
    });
    await held.isOpen;
    // Another flow (the UI) reads while that transaction is open.
    expect((await ok(tc.core, token, 'contacts.get', { id: contact.id })).name).toBe('Asha Rao');
    held.release();
    expect(await held.done).toBeInstanceOf(Error);
    expect((await ok(tc.core, token, 'contacts.get', { id: contact.id })).name).toBe('Asha Rao');
  });

  it('see what was committed at once', async () => {
    const contact = await ok(tc.core, token, 'contacts.create', {
      name: 'Asha Rao',
      phone: '+91 98765 43210',
      tags: [],
      attributes: {},
      listIds: [],
    });
    await tc.core.ctx.tx.run((m) =>
      m.query('UPDATE contacts SET name = ? WHERE id = ?', ['Asha R.', contact.id]),
    );
    expect((await ok(tc.core, token, 'contacts.get', { id: contact.id })).name).toBe('Asha R.');
  });

  it('cannot write through the reading connection, even with raw SQL', async () => {
    await expect(tc.core.ctx.db.query("UPDATE organization SET name = 'Hijacked'")).rejects.toThrow(
      /readonly|read-only/i,
    );
  });
});

describe('writes', () => {
  it('made while another flow’s transaction is open are not rolled back with it', async () => {
    const sessionId = hashToken(token);
    const seenAt = async () =>
      (await tc.core.ctx.db.getRepository(SessionEntity).findOneByOrFail({ id: sessionId })).lastSeenAt;
    const before = await seenAt();
    // Long enough that the next call records the session's activity (a write).
    tc.clock.advance(5 * 60 * 1000);
    const held = holdTransaction(async (m) => {
      await m.query("UPDATE organization SET name = 'Never committed'");
    });
    await held.isOpen;
    // The call records the activity while the other transaction is still open. (On one shared
    // connection the write ran inside that transaction at once; now it waits its turn.)
    const call = ok(tc.core, token, 'auth.session', {});
    await new Promise((resolve) => setTimeout(resolve, 200));
    held.release();
    await call;
    expect(await held.done).toBeInstanceOf(Error);
    await tc.core.ctx.tx.drained();
    expect((await seenAt()).getTime()).toBe(before.getTime() + 5 * 60 * 1000);
  });
});

describe('a transaction', () => {
  const organizationName = async () =>
    (await tc.core.ctx.db.getRepository(OrganizationEntity).findOneByOrFail({ id: 1 })).name;

  it('takes TypeORM’s own saves into itself: they roll back with the rest', async () => {
    const before = await organizationName();
    const failed = await tc.core.ctx.tx
      .run(async (m) => {
        // A save outside a transaction opens one of its own; inside one it must not.
        const organization = await m.getRepository(OrganizationEntity).findOneByOrFail({ id: 1 });
        await m.getRepository(OrganizationEntity).save({ ...organization, name: 'Saved, then rolled back' });
        await m.query("UPDATE organization SET default_country = 'ZZ'");
        throw new Error('rolled back on purpose');
      })
      .catch((error: unknown) => error);
    expect(failed).toMatchObject({ message: 'rolled back on purpose' });
    expect(await organizationName()).toBe(before);
  });

  it('whose commit fails reports it, keeps none of its writes, and the next one commits', async () => {
    const before = await organizationName();
    const failed = await tc.core.ctx.tx
      .run(async (m) => {
        // Checked at COMMIT, not at the statement: the commit itself fails.
        await m.query('PRAGMA defer_foreign_keys = ON');
        await m.query("UPDATE organization SET name = 'Never committed'");
        await m.query("INSERT INTO contact_tags (contact_id, tag) VALUES (987654, 'orphan')");
      })
      .catch((error: unknown) => error);
    expect(String(failed)).toMatch(/FOREIGN KEY/);
    expect(await organizationName()).toBe(before);
    expect(await tc.core.ctx.db.query("SELECT * FROM contact_tags WHERE tag = 'orphan'")).toEqual([]);
    await tc.core.ctx.tx.run((m) => m.query("UPDATE organization SET name = 'Committed after'"));
    expect(await organizationName()).toBe('Committed after');
  });
});
