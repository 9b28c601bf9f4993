import type { EntityManager } from 'typeorm';
import { optedOut } from '../contacts/reachable-contacts';
import { executePrepared } from '../db/prepared-writes';
import { sqlDate } from '../db/sql';

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
