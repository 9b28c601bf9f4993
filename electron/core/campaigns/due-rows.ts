import { fromSqlDateOrNull, marks, sqlDate } from '../db/sql';
import type { RenderContact } from './render-message';
import type { ReadManager } from '../db/read-db';

/** A queued recipient whose turn has come, with what rendering needs. */
export interface DueRow {
  id: number;
  waId: string;
  clientRef: string;
  /** Tries made before this one. */
  attempts: number;
  contactId: number | null;
  contact: RenderContact | null;
  /**
   * The contact's consent as it is now, not as it was when the campaign started: a customer who
   * pressed WhatsApp's stop (or wrote an opt-out keyword) meanwhile is not sent to.
   */
  optedOut: boolean;
  /** WhatsApp held back a marketing message to them (131049): no marketing before this time. */
  marketingHeldUntil: Date | null;
  /** When they last wrote to the campaign's number: a template inside that window is free of the limit. */
  lastInboundAt: Date | null;
}

interface Raw {
  id: number;
  waId: string;
  clientRef: string;
  attempts: number;
  contactId: number | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  optedOut: number | null;
  heldUntil: string | null;
  lastInboundAt: string | null;
}

const COLUMNS = `m.id AS id, m.recipient_wa_id AS waId, m.client_ref AS clientRef, m.attempts AS attempts,
  m.contact_id AS contactId, c.name AS name, c.phone AS phone, c.email AS email,
  c.opted_out AS optedOut, c.marketing_held_until AS heldUntil,
  (SELECT cv.last_inbound_at FROM conversations cv
    WHERE cv.contact_id = m.contact_id AND cv.phone_number_id = m.phone_number_id) AS lastInboundAt`;

/**
 * The next `limit` rows to send, never more: a 100,000-recipient campaign is paged through, not
 * loaded. Retries that are due go first (they have waited already), then fresh rows in id order. Two
 * queries, each walking the (campaign_id, status, next_attempt_at) index in its own order, so
 * neither sorts the whole queue.
 */
export async function dueRows(
  m: ReadManager,
  campaignId: number,
  now: Date,
  limit: number,
  attributeKeys: readonly string[],
): Promise<DueRow[]> {
  const retries = (await m.query(
    `SELECT ${COLUMNS} FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id
      WHERE m.campaign_id = ? AND m.status = 'queued' AND m.next_attempt_at IS NOT NULL
        AND m.next_attempt_at <= ? AND m.is_test = 0
      ORDER BY m.next_attempt_at LIMIT ?`,
    [campaignId, sqlDate(now), limit],
  )) as Raw[];
  const fresh =
    retries.length < limit
      ? ((await m.query(
          `SELECT ${COLUMNS} FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id
            WHERE m.campaign_id = ? AND m.status = 'queued' AND m.next_attempt_at IS NULL AND m.is_test = 0
            ORDER BY m.id LIMIT ?`,
          [campaignId, limit - retries.length],
        )) as Raw[])
      : [];
  const raw = [...retries, ...fresh];
  const attributes = await attributesOf(m, raw, attributeKeys);
  return raw.map((r) => ({
    id: r.id,
    waId: r.waId,
    clientRef: r.clientRef,
    attempts: r.attempts,
    contactId: r.contactId,
    optedOut: r.optedOut === 1,
    marketingHeldUntil: fromSqlDateOrNull(r.heldUntil),
    lastInboundAt: fromSqlDateOrNull(r.lastInboundAt),
    contact:
      // A deleted contact leaves its row without a name (the column is NOT NULL); a customer who
      // hides their number has a contact without a phone, and is personalised like anyone.
      r.contactId === null || r.name === null
        ? null
        : {
            id: r.contactId,
            name: r.name,
            phone: r.phone,
            email: r.email,
            attributes: attributes.get(r.contactId) ?? {},
          },
  }));
}

/** Only the attributes the bindings use, for the contacts of one page. */
async function attributesOf(
  m: ReadManager,
  rows: readonly Raw[],
  keys: readonly string[],
): Promise<Map<number, Record<string, string>>> {
  const out = new Map<number, Record<string, string>>();
  const ids = [...new Set(rows.map((r) => r.contactId).filter((id): id is number => id !== null))];
  if (!ids.length || !keys.length) return out;
  const found = (await m.query(
    `SELECT contact_id AS contactId, key, value FROM contact_attributes
      WHERE contact_id IN (${marks(ids.length)}) AND key IN (${marks(keys.length)})`,
    [...ids, ...keys],
  )) as { contactId: number; key: string; value: string }[];
  for (const a of found) {
    const record = out.get(a.contactId) ?? {};
    record[a.key] = a.value;
    out.set(a.contactId, record);
  }
  return out;
}

/** What is left of a campaign: whether it can finish, and when the next deferred row is due. */
export async function remaining(
  m: ReadManager,
  campaignId: number,
): Promise<{ queued: number; sending: number; unconfirmed: number; nextAttemptAt: string | null }> {
  const rows = (await m.query(
    `SELECT status, COUNT(*) AS n, MIN(next_attempt_at) AS nextAt FROM messages
      WHERE campaign_id = ? AND is_test = 0 AND status IN ('queued', 'sending', 'unconfirmed')
      GROUP BY status`,
    [campaignId],
  )) as { status: string; n: number; nextAt: string | null }[];
  const of = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
  return {
    queued: of('queued'),
    sending: of('sending'),
    unconfirmed: of('unconfirmed'),
    nextAttemptAt: rows.find((r) => r.status === 'queued')?.nextAt ?? null,
  };
}

/** The figures `campaigns.progress` carries. */
export async function progressOf(
  m: ReadManager,
  campaignId: number,
): Promise<{ sent: number; failed: number; queued: number }> {
  const rows = (await m.query(
    `SELECT status, COUNT(*) AS n FROM messages WHERE campaign_id = ? AND is_test = 0 GROUP BY status`,
    [campaignId],
  )) as { status: string; n: number }[];
  const sum = (statuses: string[]) =>
    rows.filter((r) => statuses.includes(r.status)).reduce((total, r) => total + Number(r.n), 0);
  return {
    sent: sum(['sent', 'delivered', 'read']),
    failed: sum(['failed']),
    queued: sum(['queued', 'sending']),
  };
}
