import type { RecipientDto, RecipientState } from '@shared/types/campaigns';
import type { Page } from '@shared/types/contacts';
import { fromSqlDateOrNull, select } from '../../db/sql';
import type { CampaignRow } from '../../db/entities/campaign';
import type { ReadManager } from '../../db/read-db';
import {
  countRecipients,
  recipientRowsAfter,
  recipientRowsPage,
  type RecipientRow,
} from '../../messaging/recipient-rows';
import { isBusinessUserId } from '@shared/customer-id';

/** One page of recipients in the order they were queued, with the total for the filter. */
export async function recipientPage(
  m: ReadManager,
  campaign: CampaignRow,
  filter: { state?: RecipientState; page: number; pageSize: number },
): Promise<Page<RecipientDto>> {
  // Those who replied are counted as they answer; the other filters count their rows.
  const total =
    filter.state === 'replied'
      ? await repliedTally(m, campaign.id)
      : await countRecipients(m, campaign.id, filter.state);
  const rows = await recipientRowsPage(m, campaign.id, filter.state, {
    limit: filter.pageSize,
    offset: (filter.page - 1) * filter.pageSize,
  });
  return { items: rows.map(toDto), total, page: filter.page, pageSize: filter.pageSize };
}

/**
 * How many answered, from the campaign's counters (campaign_tallies.replied: marks whose message
 * went out, the very condition of the "replied" filter), not a count of its rows.
 */
async function repliedTally(m: ReadManager, campaignId: number): Promise<number> {
  const [row] = await select<{ n: number }>(
    m,
    `SELECT replied AS n FROM campaign_tallies WHERE campaign_id = ?`,
    [campaignId],
  );
  return row?.n ?? 0;
}

/** Every recipient matching the filter, a batch at a time (keyset on id: no OFFSET rescans). */
export async function* recipientBatches(
  m: ReadManager,
  campaign: CampaignRow,
  state: RecipientState | undefined,
  batchSize = 1000,
): AsyncGenerator<RecipientDto[]> {
  let after = 0;
  for (;;) {
    const rows = await recipientRowsAfter(m, campaign.id, state, after, batchSize);
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
