import { loadAttributes, loadContacts, type RawContact } from '../contacts/contact-rows';
import { lastInboundAt } from '../conversations/contact-conversations';
import { fromSqlDateOrNull } from '../db/sql';
import type { ReadManager } from '../db/read-db';
import { dueMessages, rowsByStatus, unsettledRows, type DueMessage } from '../messaging/campaign-queue';
import type { RenderContact } from './render-message';

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

/**
 * The next `limit` rows to send, never more: a 100,000-recipient campaign is paged through, not
 * loaded (messaging/campaign-queue.ts: due retries first, then fresh rows in id order). Then, for
 * the whole page at once, never row by row: its contacts, the attributes the bindings use, and when
 * each wrote last to the number; a fixed number of queries a page, each by id.
 */
export async function dueRows(
  m: ReadManager,
  campaignId: number,
  now: Date,
  limit: number,
  attributeKeys: readonly string[],
): Promise<DueRow[]> {
  const rows = await dueMessages(m, campaignId, now, limit);
  const ids = [...new Set(rows.map((r) => r.contactId).filter((id): id is number => id !== null))];
  const [found, attributes, inbound] = await Promise.all([
    loadContacts(m, ids),
    loadAttributes(m, ids, attributeKeys),
    lastInboundOf(m, rows),
  ]);
  const contacts = new Map(found.map((c) => [c.id, c]));
  return rows.map((r) => {
    // A deleted contact leaves its row without one; a customer who hides their number has a
    // contact without a phone, and is personalised like anyone.
    const contact: RawContact | undefined = r.contactId === null ? undefined : contacts.get(r.contactId);
    const lastInbound = r.contactId === null ? undefined : inbound.get(r.phoneNumberId)?.get(r.contactId);
    return {
      id: r.id,
      waId: r.waId,
      clientRef: r.clientRef,
      attempts: r.attempts,
      contactId: r.contactId,
      optedOut: contact?.opted_out === 1,
      marketingHeldUntil: fromSqlDateOrNull(contact?.marketing_held_until ?? null),
      lastInboundAt: lastInbound ?? null,
      contact: contact
        ? {
            id: contact.id,
            name: contact.name,
            phone: contact.phone,
            email: contact.email,
            attributes: attributes.get(contact.id) ?? {},
          }
        : null,
    };
  });
}

/**
 * When each contact of the page last wrote to the number of its row: one query per number, and a
 * campaign's rows all go from its one number.
 */
async function lastInboundOf(
  m: ReadManager,
  rows: readonly DueMessage[],
): Promise<Map<string, Map<number, Date>>> {
  const byNumber = new Map<string, Set<number>>();
  for (const r of rows) {
    if (r.contactId === null) continue;
    const ids = byNumber.get(r.phoneNumberId) ?? new Set<number>();
    ids.add(r.contactId);
    byNumber.set(r.phoneNumberId, ids);
  }
  const out = new Map<string, Map<number, Date>>();
  for (const [phoneNumberId, ids] of byNumber)
    out.set(phoneNumberId, await lastInboundAt(m, phoneNumberId, [...ids]));
  return out;
}

/** What is left of a campaign: whether it can finish, and when the next deferred row is due. */
export async function remaining(
  m: ReadManager,
  campaignId: number,
): Promise<{ queued: number; sending: number; unconfirmed: number; nextAttemptAt: string | null }> {
  const rows = await unsettledRows(m, campaignId);
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
  const rows = await rowsByStatus(m, campaignId);
  const sum = (statuses: string[]) =>
    rows.filter((r) => statuses.includes(r.status)).reduce((total, r) => total + Number(r.n), 0);
  return {
    sent: sum(['sent', 'delivered', 'read']),
    failed: sum(['failed']),
    queued: sum(['queued', 'sending']),
  };
}
