import type { EntityManager } from 'typeorm';
import { AppError } from '@shared/errors';
import { contactNotFound } from './contact-errors';
import { loadAttributes, loadContacts, loadTags, type RawContact } from './contact-rows';
import { refreshSearchDocs, replaceAttributes, replaceTags } from './contact-writes';
import { execute, fromSqlDate, sqlDate } from '../db/sql';
import { membershipsOf, replaceMemberships, type Membership } from '../lists/membership';

/** Moves another domain's rows from the merged contact to the kept one (see ContactService.onMerge). */
export type MergeHook = (m: EntityManager, keepId: number, mergeId: number) => Promise<void>;

export interface MergeRequest {
  keepId: number;
  mergeId: number;
  now: Date;
  hooks: readonly MergeHook[];
  audit(details: Record<string, unknown>): Promise<void>;
}

/**
 * Merges a duplicate into the contact kept, inside the caller's transaction:
 * - the kept contact's name, phone and email win; a missing email, phone, user id or username is
 *   filled from the other (a customer known by number and by user id becomes one contact);
 * - attributes are merged (the kept contact's values win), tags and list memberships unioned; a list
 *   both were on keeps the earliest subscribedAt and is subscribed if either was;
 * - opted out if either opted out (the earliest opt-out is kept), and then no membership stays
 *   subscribed: an opt-out must survive a merge. Blocked if either was blocked, for the same reason;
 * - the merged contact is deleted; the audit entry keeps a snapshot of it.
 */
export async function mergeContacts(m: EntityManager, request: MergeRequest): Promise<void> {
  const { keepId, mergeId, now } = request;
  if (keepId === mergeId) {
    throw new AppError('VALIDATION', 'Choose two different contacts', {
      fields: [{ field: 'mergeId', message: 'Choose two different contacts' }],
    });
  }
  const rows = await loadContacts(m, [keepId, mergeId]);
  const keep = rows.find((r) => r.id === keepId);
  const other = rows.find((r) => r.id === mergeId);
  if (!keep) throw contactNotFound(keepId, 'keepId');
  if (!other) throw contactNotFound(mergeId, 'mergeId');

  const [tags, attributes] = await Promise.all([
    loadTags(m, [keepId, mergeId]),
    loadAttributes(m, [keepId, mergeId]),
  ]);
  const mergedTags = [...new Set([...(tags.get(keepId) ?? []), ...(tags.get(mergeId) ?? [])])];
  const mergedAttributes = { ...(attributes.get(mergeId) ?? {}), ...(attributes.get(keepId) ?? {}) };
  const optOut = earliestOptOut(keep, other);
  const memberships = mergeMemberships(
    await membershipsOf(m, keepId),
    await membershipsOf(m, mergeId),
    optOut !== null,
    now,
  );

  for (const hook of request.hooks) await hook(m, keepId, mergeId);
  await request.audit({
    mergedId: mergeId,
    merged: {
      name: other.name,
      phone: other.phone,
      userId: other.user_id,
      username: other.username,
      email: other.email,
      tags: tags.get(mergeId) ?? [],
      attributes: attributes.get(mergeId) ?? {},
    },
  });
  // Deleted first: its tag, attribute and membership rows go with it (ON DELETE CASCADE).
  await execute(m, 'DELETE FROM contacts WHERE id = ?', [mergeId]);

  await execute(
    m,
    `UPDATE contacts SET email = ?, status = ?, opted_out = ?, opted_out_at = ?, opt_out_source = ?,
       last_inbound_at = ?, created_at = ?, phone = ?, wa_id = ?, user_id = ?, username = ? WHERE id = ?`,
    [
      keep.email ?? other.email,
      keep.status === 'blocked' || other.status === 'blocked' ? 'blocked' : 'active',
      optOut ? 1 : 0,
      optOut?.opted_out_at ?? null,
      optOut?.opt_out_source ?? null,
      latest(keep.last_inbound_at, other.last_inbound_at),
      earliest(keep.created_at, other.created_at),
      // A customer known by number and one known by user id become one reachable both ways.
      ...(keep.phone !== null ? [keep.phone, keep.wa_id] : [other.phone, other.wa_id]),
      keep.user_id ?? other.user_id,
      keep.username ?? other.username,
      keepId,
    ],
  );
  await replaceTags(m, keepId, mergedTags);
  await replaceAttributes(m, keepId, mergedAttributes);
  await replaceMemberships(m, keepId, memberships);
  await refreshSearchDocs(m, [keepId], now);
}

export function mergeMemberships(
  keep: readonly Membership[],
  other: readonly Membership[],
  optedOut: boolean,
  now: Date,
): Membership[] {
  const byList = new Map<number, Membership>();
  for (const ms of [...keep, ...other]) {
    const seen = byList.get(ms.list_id);
    if (!seen) {
      byList.set(ms.list_id, { ...ms });
      continue;
    }
    const subscribed = seen.subscribed === 1 || ms.subscribed === 1;
    byList.set(ms.list_id, {
      list_id: ms.list_id,
      subscribed: subscribed ? 1 : 0,
      subscribed_at: earliest(seen.subscribed_at, ms.subscribed_at),
      unsubscribed_at: subscribed ? null : latest(seen.unsubscribed_at, ms.unsubscribed_at),
    });
  }
  const merged = [...byList.values()];
  if (!optedOut) return merged;
  return merged.map((ms) =>
    ms.subscribed === 1 ? { ...ms, subscribed: 0, unsubscribed_at: sqlDate(now) } : ms,
  );
}

function earliestOptOut(a: RawContact, b: RawContact): RawContact | null {
  const out = [a, b].filter((c) => c.opted_out === 1 && c.opted_out_at !== null);
  out.sort((x, y) => fromSqlDate(x.opted_out_at!).getTime() - fromSqlDate(y.opted_out_at!).getTime());
  return out[0] ?? [a, b].find((c) => c.opted_out === 1) ?? null;
}

/** Works on the stored text form: it sorts like the dates it holds. */
function earliest(a: string, b: string): string {
  return a <= b ? a : b;
}

function latest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a >= b ? a : b;
}
