import type { EntityManager } from 'typeorm';
import { optedOut } from '../contacts/reachable-contacts';
import { executePrepared, writeReturning } from '../db/prepared-writes';
import { sqlDate } from '../db/sql';
import { forEachValuesPiece } from '../db/values-pieces';

/**
 * The campaign runner's writes to one message row, before and after its send request. They are its
 * hot path (two a message), so each is a statement of fixed text prepared once
 * (db/prepared-writes.ts), run in the caller's transaction; each returns whether the row changed.
 * This folder owns `messages` (issue 9); the runner decides what became of the try.
 */

const NOT_OPTED_OUT = optedOut('messages.contact_id');

const CLAIM = `UPDATE messages SET status = 'sending', payload = ?, text = ?, attempts = attempts + 1,
                  next_attempt_at = NULL
            WHERE id = ? AND status = 'queued' AND NOT ${NOT_OPTED_OUT.sql}`;

/**
 * Claims a queued row: `sending`, with what will be sent, one more attempt. False when the row is
 * no longer queued (cancelled, resolved, or claimed already), or when its customer has opted out
 * of marketing meanwhile.
 */
export async function claimQueued(
  m: EntityManager,
  id: number,
  payload: string,
  text: string,
): Promise<boolean> {
  return (await executePrepared(m, CLAIM, [payload, text, id, ...NOT_OPTED_OUT.params])) === 1;
}

/** A queued row fails without being sent. */
export async function failQueued(m: EntityManager, id: number, at: Date, title: string): Promise<boolean> {
  return (
    (await executePrepared(
      m,
      `UPDATE messages SET status = 'failed', failed_at = ?, error_code = NULL, error_title = ?
            WHERE id = ? AND status = 'queued'`,
      [sqlDate(at), title, id],
    )) === 1
  );
}

/** A queued row waits until `at`: not sent, no attempt counted, back in line from then. */
export async function deferQueued(m: EntityManager, id: number, at: Date): Promise<boolean> {
  return (
    (await executePrepared(m, `UPDATE messages SET next_attempt_at = ? WHERE id = ? AND status = 'queued'`, [
      sqlDate(at),
      id,
    ])) === 1
  );
}

/**
 * Meta accepted the row. A status webhook may have moved it on already: it only moves forward. A
 * row that was unconfirmed is settled: why it was unconfirmed is no longer an error of it.
 */
export async function recordSent(m: EntityManager, id: number, wamid: string, at: Date): Promise<boolean> {
  return (
    (await executePrepared(
      m,
      `UPDATE messages
                  SET error_title = CASE WHEN status = 'unconfirmed' THEN NULL ELSE error_title END,
                      unconfirmed_at = CASE WHEN status = 'unconfirmed' THEN NULL ELSE unconfirmed_at END,
                      status = CASE WHEN status IN ('sending', 'unconfirmed') THEN 'sent' ELSE status END,
                      wa_message_id = COALESCE(wa_message_id, ?), sent_at = COALESCE(sent_at, ?)
                WHERE id = ?`,
      [wamid, sqlDate(at), id],
    )) === 1
  );
}

/** A row being sent goes back in line from `at`; its attempt counts only when `countAttempt`. */
export async function requeueSending(
  m: EntityManager,
  id: number,
  at: Date,
  countAttempt: boolean,
): Promise<boolean> {
  return (
    (await executePrepared(
      m,
      `UPDATE messages SET status = 'queued', next_attempt_at = ?,
                      attempts = attempts - ?
                WHERE id = ? AND status = 'sending'`,
      [sqlDate(at), countAttempt ? 0 : 1, id],
    )) === 1
  );
}

/** Whether Meta got a row being sent is unknown: it is left for status webhooks or the person. */
export async function unconfirmSending(
  m: EntityManager,
  id: number,
  at: Date,
  title: string,
): Promise<boolean> {
  return (
    (await executePrepared(
      m,
      `UPDATE messages SET status = 'unconfirmed', unconfirmed_at = ?, error_title = ?
                WHERE id = ? AND status = 'sending'`,
      [sqlDate(at), title, id],
    )) === 1
  );
}

/** Meta refused a row being sent, for good. */
export async function failSending(
  m: EntityManager,
  id: number,
  failure: { at: Date; code: number | null; title: string; details: string | null },
): Promise<boolean> {
  return (
    (await executePrepared(
      m,
      `UPDATE messages SET status = 'failed', failed_at = ?, error_code = ?, error_title = ?,
                      error_details = ?
                WHERE id = ? AND status = 'sending'`,
      [sqlDate(failure.at), failure.code, failure.title, failure.details, id],
    )) === 1
  );
}

/**
 * Runs `sql` (an UPDATE … FROM (VALUES {rows}) AS v … RETURNING messages.id) over `rows`, a piece at
 * a time, and returns the ids it changed. Each row is [id, …values]; ids must be distinct.
 */
async function updateSet(
  m: EntityManager,
  sql: (rows: string) => string,
  rows: unknown[][],
  after: readonly unknown[] = [],
): Promise<Set<number>> {
  const changed = new Set<number>();
  await forEachValuesPiece(rows, async (values, params) => {
    for (const { id } of await writeReturning<{ id: number }>(m, sql(values), [...params, ...after]))
      changed.add(id);
  });
  return changed;
}

/**
 * Claims many queued rows at once (as claimQueued does each): the runner's two writes a message were
 * two statements a message, each a trip to SQLite's thread and most of the main thread's database
 * time (bench/README.md). Returns the ids claimed. The ids must be distinct.
 */
export function claimQueuedTogether(
  m: EntityManager,
  rows: readonly { id: number; payload: string; text: string }[],
): Promise<Set<number>> {
  return updateSet(
    m,
    (values) => `UPDATE messages SET status = 'sending', payload = v.column2, text = v.column3,
                    attempts = attempts + 1, next_attempt_at = NULL
               FROM (VALUES ${values}) AS v
              WHERE messages.id = v.column1 AND messages.status = 'queued' AND NOT ${NOT_OPTED_OUT.sql}
          RETURNING messages.id`,
    rows.map((row) => [row.id, row.payload, row.text]),
    NOT_OPTED_OUT.params,
  );
}

/** Records many accepted rows at once (as recordSent does each). Returns the ids changed; ids distinct. */
export function recordSentTogether(
  m: EntityManager,
  rows: readonly { id: number; wamid: string; at: Date }[],
): Promise<Set<number>> {
  return updateSet(
    m,
    (values) => `UPDATE messages
                SET error_title = CASE WHEN status = 'unconfirmed' THEN NULL ELSE error_title END,
                    unconfirmed_at = CASE WHEN status = 'unconfirmed' THEN NULL ELSE unconfirmed_at END,
                    status = CASE WHEN status IN ('sending', 'unconfirmed') THEN 'sent' ELSE status END,
                    wa_message_id = COALESCE(wa_message_id, v.column2), sent_at = COALESCE(sent_at, v.column3)
               FROM (VALUES ${values}) AS v
              WHERE messages.id = v.column1
          RETURNING messages.id`,
    rows.map((row) => [row.id, row.wamid, sqlDate(row.at)]),
  );
}
