import type { RecipientState } from '@shared/types/campaigns';
import type { CsvExport } from '@shared/types/contacts';
import { csvLine, guardFormula } from '../../contacts/csv/csv-format';
import type { CampaignRow } from '../../db/entities/campaign';
import { recipientBatches } from './recipient-rows';
import type { ReadManager } from '../../db/read-db';

const HEADER = [
  'name',
  'phone',
  'state',
  'error_code',
  'error',
  'sent_at',
  'delivered_at',
  'read_at',
  'replied_at',
];

/**
 * A campaign's recipients as CSV, written the way contacts are exported (RFC 4180, CRLF, the
 * formula guard on text that came from outside: WhatsApp profile names and Meta's error titles).
 */
export async function exportRecipients(
  m: ReadManager,
  campaign: CampaignRow,
  state: RecipientState | undefined,
  today: Date,
): Promise<CsvExport> {
  const lines = [csvLine(HEADER)];
  let rows = 0;
  for await (const batch of recipientBatches(m, campaign, state)) {
    for (const r of batch) {
      lines.push(
        csvLine([
          guardFormula(r.name ?? ''),
          r.phone,
          r.state,
          r.error?.code === null || r.error?.code === undefined ? '' : String(r.error.code),
          guardFormula(r.error?.title ?? ''),
          r.sentAt ?? '',
          r.deliveredAt ?? '',
          r.readAt ?? '',
          r.repliedAt ?? '',
        ]),
      );
      rows++;
    }
  }
  return { fileName: fileName(campaign.name, state, today), csv: lines.join(''), rows };
}

function fileName(campaignName: string, state: RecipientState | undefined, today: Date): string {
  const slug = campaignName
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'campaign'}-recipients${state ? `-${state}` : ''}-${today.toISOString().slice(0, 10)}.csv`;
}
