/**
 * A campaign's counters (0021's tallies, 0024's minutes) and a recount of the same figures from its
 * message rows by the rules the campaign page states: the two must always be equal.
 */
export type Query = <T = unknown>(sql: string, params?: unknown[]) => Promise<T>;

/** The timeline's rule: each figure once, at its time, a missing time falling back to the next. */
const RECOUNT_SERIES = {
  sent: [`'sent', 'delivered', 'read'`, 'COALESCE(m.sent_at, m.delivered_at, m.read_at)'],
  delivered: [`'delivered', 'read'`, 'COALESCE(m.delivered_at, m.read_at, m.sent_at)'],
  read: [`'read'`, 'COALESCE(m.read_at, m.delivered_at, m.sent_at)'],
  failed: [`'failed'`, 'm.failed_at'],
} as const;

/** The first answer after the message went out: by contact, or by WhatsApp id once the contact is gone. */
const FIRST_ANSWER = `CASE WHEN m.status IN ('sent', 'delivered', 'read') THEN (CASE WHEN m.contact_id IS NOT NULL
  THEN (SELECT min(i.created_at) FROM messages i WHERE i.contact_id = m.contact_id AND i.direction = 'in'
          AND i.phone_number_id = m.phone_number_id AND i.created_at > COALESCE(m.sent_at, m.delivered_at, m.read_at))
  ELSE (SELECT min(i.created_at) FROM messages i WHERE i.recipient_wa_id = m.recipient_wa_id AND i.direction = 'in'
          AND i.phone_number_id = m.phone_number_id AND i.created_at > COALESCE(m.sent_at, m.delivered_at, m.read_at)) END) END`;

export async function recount(q: Query, campaignId: number) {
  const minutes = new Map<number, Record<string, number>>();
  const add = (minute: number, kind: string, n: number) => {
    const row = minutes.get(minute) ?? { sent: 0, delivered: 0, read: 0, failed: 0, replied: 0 };
    row[kind] = (row[kind] ?? 0) + n;
    minutes.set(minute, row);
  };
  for (const [kind, [statuses, time]] of Object.entries(RECOUNT_SERIES)) {
    const rows = await q<{ minute: number; n: number }[]>(
      `SELECT COALESCE(CAST(strftime('%s', ${time}) AS INTEGER) / 60, 0) AS minute, count(*) AS n
         FROM messages m WHERE m.campaign_id = ? AND m.is_test = 0 AND m.status IN (${statuses}) GROUP BY 1`,
      [campaignId],
    );
    for (const r of rows) add(r.minute, kind, r.n);
  }
  const replies = await q<{ minute: number; n: number }[]>(
    `SELECT CAST(strftime('%s', a) AS INTEGER) / 60 AS minute, count(*) AS n FROM (
       SELECT ${FIRST_ANSWER} AS a FROM messages m WHERE m.campaign_id = ? AND m.is_test = 0) WHERE a IS NOT NULL GROUP BY 1`,
    [campaignId],
  );
  for (const r of replies) add(r.minute, 'replied', r.n);
  const [byStatus] = await q<Record<string, number>[]>(
    `SELECT ${['queued', 'sending', 'unconfirmed', 'sent', 'delivered', 'read', 'failed']
      .map((s) => `COALESCE(sum(m.status = '${s}'), 0) AS ${s}`)
      .join(', ')} FROM messages m WHERE m.campaign_id = ? AND m.is_test = 0`,
    [campaignId],
  );
  const replied = replies.reduce((sum, r) => sum + r.n, 0);
  return { minutes, tallies: { ...byStatus, replied } };
}

export async function counters(q: Query, campaignId: number) {
  const rows = await q<({ minute: number } & Record<string, number>)[]>(
    `SELECT minute, sent, delivered, read, failed, replied FROM campaign_minutes WHERE campaign_id = ?`,
    [campaignId],
  );
  const minutes = new Map<number, Record<string, number>>();
  for (const { minute, ...rest } of rows) {
    // A minute whose figures all moved elsewhere stays as a row of zeros: the same as no row.
    if (Object.values(rest).some((n) => n !== 0)) minutes.set(minute, rest);
  }
  const [tallies] = await q<Record<string, number>[]>(
    `SELECT queued, sending, unconfirmed, sent, delivered, read, failed, replied
       FROM campaign_tallies WHERE campaign_id = ?`,
    [campaignId],
  );
  return { minutes, tallies };
}

export const sorted = (map: Map<number, Record<string, number>>) =>
  [...map.entries()].sort((a, b) => a[0] - b[0]);
