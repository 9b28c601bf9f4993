import { AppError } from '@shared/errors';
import type {
  CampaignDto,
  CampaignSummaryDto,
  MediaHeader,
  UnconfirmedMessages,
  VariableBinding,
} from '@shared/types/campaigns';
import { CampaignEntity, CampaignListEntity, type CampaignRow } from '../db/entities/campaign';
import { UserEntity } from '../db/entities/user';
import type { ReadManager } from '../db/read-db';
import { plannedRecipients } from './fix-recipients';
import { cutoffOf, toUnconfirmed, UNCONFIRMED_COLUMNS, unconfirmedOf, type QuietPolicy } from './unconfirmed';

export function toCampaignDto(
  row: CampaignRow,
  listIds: number[],
  createdBy: string | null,
  unconfirmed: UnconfirmedMessages | null,
): CampaignDto {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    phoneNumberId: row.phoneNumberId,
    templateId: row.templateId,
    templateName: row.templateName,
    templateLanguage: row.templateLanguage,
    listIds: [...listIds].sort((a, b) => a - b),
    variables: JSON.parse(row.variables) as VariableBinding[],
    mediaHeader: row.mediaHeader ? (JSON.parse(row.mediaHeader) as MediaHeader) : null,
    optOutKeywords: JSON.parse(row.optOutKeywords) as string[],
    messagesPerSecond: row.messagesPerSecond,
    scheduledAt: iso(row.scheduledAt),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    notice: row.notice,
    unconfirmed,
    retargetOfCampaignId: row.retargetOfCampaignId,
    createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function findCampaign(m: ReadManager, id: number): Promise<CampaignRow> {
  const row = await m.getRepository(CampaignEntity).findOneBy({ id });
  if (!row) throw new AppError('NOT_FOUND', `No campaign with id ${id}`);
  return row;
}

export async function listIdsOf(m: ReadManager, campaignId: number): Promise<number[]> {
  const rows = await m.getRepository(CampaignListEntity).findBy({ campaignId });
  return rows.map((r) => r.listId);
}

export async function loadCampaignDto(m: ReadManager, id: number, quiet: QuietPolicy): Promise<CampaignDto> {
  const row = await findCampaign(m, id);
  const creator = row.createdByUserId
    ? await m.getRepository(UserEntity).findOneBy({ id: row.createdByUserId })
    : null;
  return toCampaignDto(
    row,
    await listIdsOf(m, id),
    creator?.username ?? null,
    await unconfirmedOf(m, id, quiet),
  );
}

interface SummaryRaw {
  id: number;
  recipients: number;
  sent: number | null;
  failed: number | null;
  list_ids: string | null;
  created_by: string | null;
  unconfirmed_count: number | null;
  unconfirmed_resendable: number | null;
  unconfirmed_next_since: string | null;
}

/**
 * Every campaign with its figures, newest first, in one grouped query: counting per campaign in a
 * loop would read the messages table once per campaign. Test sends are kept out.
 */
export async function listCampaignSummaries(
  m: ReadManager,
  status: CampaignRow['status'] | undefined,
  quiet: QuietPolicy,
): Promise<CampaignSummaryDto[]> {
  const cutoff = cutoffOf(quiet);
  const raw = (await m.query(
    `SELECT c.id AS id,
            COUNT(msg.id) AS recipients,
            SUM(CASE WHEN msg.status IN ('sent', 'delivered', 'read') THEN 1 ELSE 0 END) AS sent,
            SUM(CASE WHEN msg.status = 'failed' THEN 1 ELSE 0 END) AS failed,
            (SELECT group_concat(cl.list_id) FROM campaign_lists cl WHERE cl.campaign_id = c.id) AS list_ids,
            (SELECT u.username FROM users u WHERE u.id = c.created_by_user_id) AS created_by,
            ${UNCONFIRMED_COLUMNS}
       FROM campaigns c
       LEFT JOIN messages msg ON msg.campaign_id = c.id AND msg.is_test = 0
      WHERE (? IS NULL OR c.status = ?)
      GROUP BY c.id
      ORDER BY c.id DESC`,
    [cutoff, cutoff, status ?? null, status ?? null],
  )) as SummaryRaw[];
  if (!raw.length) return [];
  const rows = await m.getRepository(CampaignEntity).findBy(raw.map((r) => ({ id: r.id })));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const notStarted = rows.filter((r) => r.status === 'draft' || r.status === 'scheduled').map((r) => r.id);
  const planned = await plannedRecipients(m, notStarted);
  return raw.flatMap((r) => {
    const row = byId.get(r.id);
    if (!row) return [];
    const listIds = r.list_ids ? r.list_ids.split(',').map(Number) : [];
    return [
      {
        ...toCampaignDto(
          row,
          listIds,
          r.created_by,
          toUnconfirmed(r.unconfirmed_count, r.unconfirmed_resendable, r.unconfirmed_next_since, quiet),
        ),
        recipients: Number(r.recipients),
        plannedRecipients: notStarted.includes(r.id) ? (planned.get(r.id) ?? 0) : null,
        sent: Number(r.sent ?? 0),
        failed: Number(r.failed ?? 0),
      },
    ];
  });
}
