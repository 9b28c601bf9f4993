import { AppError } from '@shared/errors';
import type {
  CampaignDto,
  CampaignSummaryDto,
  MediaHeader,
  UnconfirmedMessages,
  VariableBinding,
} from '@shared/types/campaigns';
import { CampaignEntity, CampaignListEntity, type CampaignRow } from '../db/entities/campaign';
import type { ReadManager } from '../db/read-db';
import { chunks, marks, select } from '../db/sql';
import { campaignRowFigures } from '../messaging/campaign-summaries';
import { userById, usersByIds } from '../people/user-rows';
import { plannedRecipients } from './fix-recipients';
import { cutoffOf, toUnconfirmed, unconfirmedOf, type QuietPolicy } from './unconfirmed';

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
  const creator = row.createdByUserId ? await userById(m, row.createdByUserId) : null;
  return toCampaignDto(
    row,
    await listIdsOf(m, id),
    creator?.username ?? null,
    await unconfirmedOf(m, id, quiet),
  );
}

/**
 * Every campaign with its figures, newest first: the figures of all of them in one grouped query
 * (messaging/campaign-summaries.ts), since counting per campaign in a loop would read the messages
 * table once per campaign; their lists and creators likewise, each in one query. Test sends are
 * kept out.
 */
export async function listCampaignSummaries(
  m: ReadManager,
  status: CampaignRow['status'] | undefined,
  quiet: QuietPolicy,
): Promise<CampaignSummaryDto[]> {
  const rows = await m
    .getRepository(CampaignEntity)
    .find({ where: status === undefined ? {} : { status }, order: { id: 'DESC' } });
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const notStarted = rows.filter((r) => r.status === 'draft' || r.status === 'scheduled').map((r) => r.id);
  const creatorIds = rows.flatMap((r) => (r.createdByUserId ? [r.createdByUserId] : []));
  const [figures, lists, creators, planned] = await Promise.all([
    campaignRowFigures(m, ids, cutoffOf(quiet)),
    listIdsOfCampaigns(m, ids),
    usersByIds(m, creatorIds),
    plannedRecipients(m, notStarted),
  ]);
  const usernames = new Map(creators.map((u) => [u.id, u.username]));
  return rows.map((row) => {
    const counted = figures.get(row.id);
    return {
      ...toCampaignDto(
        row,
        lists.get(row.id) ?? [],
        row.createdByUserId ? (usernames.get(row.createdByUserId) ?? null) : null,
        counted ? toUnconfirmed(counted.unconfirmed, quiet) : null,
      ),
      recipients: counted?.recipients ?? 0,
      plannedRecipients: notStarted.includes(row.id) ? (planned.get(row.id) ?? 0) : null,
      sent: counted?.sent ?? 0,
      failed: counted?.failed ?? 0,
    };
  });
}

/** The lists of each of these campaigns, one query per 500 campaigns. */
async function listIdsOfCampaigns(
  m: ReadManager,
  campaignIds: readonly number[],
): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  for (const part of chunks(campaignIds)) {
    const rows = await select<{ campaignId: number; listId: number }>(
      m,
      `SELECT campaign_id AS campaignId, list_id AS listId FROM campaign_lists
        WHERE campaign_id IN (${marks(part.length)})`,
      part,
    );
    for (const r of rows) out.set(r.campaignId, [...(out.get(r.campaignId) ?? []), r.listId]);
  }
  return out;
}
