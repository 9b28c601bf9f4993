import type { RecipientDto, RecipientState } from '@shared/types/campaigns';
import type { Page } from '@shared/types/contacts';
import { fromSqlDateOrNull, select } from '../../db/sql';
import type { CampaignRow } from '../../db/entities/campaign';
import { firstReplyAt, RECIPIENT_ROWS, stateCondition, type Fragment } from './recipient-sql';
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
function columns(campaign: CampaignRow): Fragment {
  const reply = firstReplyAt(campaign.phoneNumberId);
  return {
    sql: `m.id, m.contact_id, c.name, c.phone, c.username, m.recipient_wa_id AS wa_id, m.status, m.error_code,
      m.error_title, m.sent_at, m.delivered_at, m.read_at, ${reply.sql} AS replied_at`,
    params: reply.params,
  };
}

function where(campaign: CampaignRow, state: RecipientState | undefined): Fragment {
  if (!state) return { sql: RECIPIENT_ROWS, params: [campaign.id] };
  const condition = stateCondition(state, campaign.phoneNumberId);
  return { sql: `${RECIPIENT_ROWS} AND ${condition.sql}`, params: [campaign.id, ...condition.params] };
}

/** One page of recipients in the order they were queued, with the total for the filter. */
export async function recipientPage(
  m: ReadManager,
  campaign: CampaignRow,
  filter: { state?: RecipientState; page: number; pageSize: number },
): Promise<Page<RecipientDto>> {
  const w = where(campaign, filter.state);
  const cols = columns(campaign);
  const [count] = await select<{ n: number }>(
    m,
    `SELECT count(*) AS n FROM messages m WHERE ${w.sql}`,
    w.params,
  );
  const rows = await select<RecipientRow>(
    m,
    `SELECT ${cols.sql} FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id
     WHERE ${w.sql} ORDER BY m.id LIMIT ? OFFSET ?`,
    [...cols.params, ...w.params, filter.pageSize, (filter.page - 1) * filter.pageSize],
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
  const cols = columns(campaign);
  let after = 0;
  for (;;) {
    const rows = await select<RecipientRow>(
      m,
      `SELECT ${cols.sql} FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id
       WHERE ${w.sql} AND m.id > ? ORDER BY m.id LIMIT ?`,
      [...cols.params, ...w.params, after, batchSize],
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
