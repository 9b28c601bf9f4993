import type { RecipientDto, RecipientState } from '@shared/types/campaigns';
import type { Page } from '@shared/types/contacts';
import { fromSqlDateOrNull, select } from '../../db/sql';
import type { CampaignRow } from '../../db/entities/campaign';
import { FIRST_REPLY_AT, RECIPIENT_ROWS, stateCondition, type Fragment } from './recipient-sql';
import type { ReadManager } from '../../db/read-db';
import { isBusinessUserId } from '@shared/customer-id';

interface RecipientRow {
  id: number;
  contact_id: number | null;
  name: string | null;
  phone: string | null;
  username: string | null;
  wa_id: string;
  status: string;
  error_code: number | null;
  error_title: string | null;
  sent_at: string | null;
  delivered_at: string | null;
  read_at: string | null;
  replied_at: string | null;
}

/** The row's columns and its first reply (looked up for the rows returned only). */
const COLUMNS = `m.id, m.contact_id, c.name, c.phone, c.username, m.recipient_wa_id AS wa_id, m.status,
  m.error_code, m.error_title, m.sent_at, m.delivered_at, m.read_at, ${FIRST_REPLY_AT} AS replied_at`;

function where(campaign: CampaignRow, state: RecipientState | undefined): Fragment {
  if (!state) return { sql: RECIPIENT_ROWS, params: [campaign.id] };
  const condition = stateCondition(state);
  return { sql: `${RECIPIENT_ROWS} AND ${condition.sql}`, params: [campaign.id, ...condition.params] };
}

/** One page of recipients in the order they were queued, with the total for the filter. */
export async function recipientPage(
  m: ReadManager,
  campaign: CampaignRow,
  filter: { state?: RecipientState; page: number; pageSize: number },
): Promise<Page<RecipientDto>> {
  const w = where(campaign, filter.state);
  // Those who replied are counted as they answer (campaign_tallies.replied: marks whose message
  // went out, the very REPLIED condition); the other filters count their rows.
  const [count] =
    filter.state === 'replied'
      ? await select<{ n: number }>(m, `SELECT replied AS n FROM campaign_tallies WHERE campaign_id = ?`, [
          campaign.id,
        ])
      : await select<{ n: number }>(m, `SELECT count(*) AS n FROM messages m WHERE ${w.sql}`, w.params);
  const rows = await select<RecipientRow>(
    m,
    `SELECT ${COLUMNS} FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id
     WHERE ${w.sql} ORDER BY m.id LIMIT ? OFFSET ?`,
    [...w.params, filter.pageSize, (filter.page - 1) * filter.pageSize],
  );
  return { items: rows.map(toDto), total: count?.n ?? 0, page: filter.page, pageSize: filter.pageSize };
}

/** Every recipient matching the filter, a batch at a time (keyset on id: no OFFSET rescans). */
export async function* recipientBatches(
  m: ReadManager,
  campaign: CampaignRow,
  state: RecipientState | undefined,
  batchSize = 1000,
): AsyncGenerator<RecipientDto[]> {
  const w = where(campaign, state);
  let after = 0;
  for (;;) {
    const rows = await select<RecipientRow>(
      m,
      `SELECT ${COLUMNS} FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id
       WHERE ${w.sql} AND m.id > ? ORDER BY m.id LIMIT ?`,
      [...w.params, after, batchSize],
    );
    if (!rows.length) return;
    yield rows.map(toDto);
    after = rows[rows.length - 1]!.id;
    if (rows.length < batchSize) return;
  }
}

function toDto(row: RecipientRow): RecipientDto {
  const failed = row.status === 'failed';
  return {
    messageId: row.id,
    contactId: row.contact_id,
    name: row.name,
    phone: reachedAs(row),
    state: row.replied_at !== null ? 'replied' : (row.status as RecipientState),
    error:
      failed || row.error_code !== null || row.error_title !== null
        ? { code: row.error_code, title: row.error_title }
        : null,
    sentAt: iso(row.sent_at),
    deliveredAt: iso(row.delivered_at),
    readAt: iso(row.read_at),
    repliedAt: iso(row.replied_at),
  };
}

function iso(value: string | null): string | null {
  return fromSqlDateOrNull(value)?.toISOString() ?? null;
}

/**
 * How the recipient is shown: their number; for a customer who hides it, their username or user id.
 * A contact deleted since leaves the address, a WhatsApp id being the number without its plus.
 */
function reachedAs(row: RecipientRow): string {
  if (row.phone) return row.phone;
  if (!isBusinessUserId(row.wa_id)) return `+${row.wa_id}`;
  return row.username ? `@${row.username}` : row.wa_id;
}
