import { In, IsNull, Not, type EntityManager } from 'typeorm';
import type { MediaHeader } from '@shared/types/campaigns';
import type { MediaUseDto } from '@shared/types/media';
import type { AuditLog } from '../audit/audit-log';
import { CampaignEntity, type CampaignRow } from '../db/entities/campaign';
import type { ReadManager } from '../db/read-db';

/** Campaigns that have not sent yet: deleting their header file leaves them without one. */
const WAITING = ['draft', 'scheduled'] as const;
/** Campaigns that may still send their header: the file must stay. */
const SENDING = ['running', 'paused'] as const;

export interface MediaUses {
  waiting: MediaUseDto[];
  sending: MediaUseDto[];
}

/**
 * The campaigns whose media header is this library file, by what a delete would do to them. The
 * header is a JSON column, read here rather than with a JSON SQL function so the query stays
 * portable (a shop has tens or hundreds of unfinished campaigns, not millions).
 */
export async function campaignsUsingMedia(m: ReadManager, mediaId: number): Promise<MediaUses> {
  const rows = await m.getRepository(CampaignEntity).find({
    select: { id: true, name: true, status: true, mediaHeader: true },
    where: { mediaHeader: Not(IsNull()), status: In([...WAITING, ...SENDING]) },
    order: { id: 'ASC' },
  });
  const using = rows.filter((row) => headerMediaId(row) === mediaId);
  const use = (row: CampaignRow): MediaUseDto => ({ campaignId: row.id, name: row.name, status: row.status });
  return {
    waiting: using.filter((r) => (WAITING as readonly string[]).includes(r.status)).map(use),
    sending: using.filter((r) => (SENDING as readonly string[]).includes(r.status)).map(use),
  };
}

/**
 * Takes a deleted library file out of the headers of the draft and scheduled campaigns using it, in
 * the caller's transaction: a draft keeps its place with a notice; a scheduled one goes back to
 * draft, because it would otherwise fail at its start time with no one watching. Returns the ids
 * changed, to publish `campaigns.changed` once committed.
 */
export async function releaseMediaHeader(
  m: EntityManager,
  audit: AuditLog,
  mediaId: number,
  fileName: string,
  actorUserId: number | null,
  now: Date,
): Promise<CampaignRow[]> {
  const { waiting } = await campaignsUsingMedia(m, mediaId);
  const changed: CampaignRow[] = [];
  for (const use of waiting) {
    const wasScheduled = use.status === 'scheduled';
    const notice = wasScheduled
      ? `Unscheduled: its header “${fileName}” was deleted from the media library. Choose another header and schedule it again.`
      : `Its header “${fileName}” was deleted from the media library. Choose another header before starting.`;
    const changes: Partial<CampaignRow> = {
      mediaHeader: null,
      notice,
      updatedAt: now,
      ...(wasScheduled ? { status: 'draft' as const, scheduledAt: null } : {}),
    };
    await m.getRepository(CampaignEntity).update({ id: use.campaignId }, changes);
    await audit.record(m, {
      actorUserId,
      action: 'campaign.media_header_removed',
      targetType: 'campaign',
      targetId: use.campaignId,
      details: { mediaId, fileName, from: use.status, to: wasScheduled ? 'draft' : use.status },
    });
    const row = await m.getRepository(CampaignEntity).findOneByOrFail({ id: use.campaignId });
    changed.push(row);
  }
  return changed;
}

function headerMediaId(row: Pick<CampaignRow, 'mediaHeader'>): number | null {
  if (!row.mediaHeader) return null;
  try {
    const header = JSON.parse(row.mediaHeader) as MediaHeader;
    return 'mediaId' in header ? header.mediaId : null;
  } catch {
    return null;
  }
}
