import type { EntityManager } from 'typeorm';
import { ListEntity } from '../db/entities/list';

export interface NewList {
  name: string;
  description: string;
  tags: readonly string[];
  /** The campaign a retarget list was made from; null for the shop's own lists. */
  linkedCampaignId: number | null;
  now: Date;
}

/**
 * Inserts a list inside the caller's transaction and returns its id: ListService.create, and
 * retargeting, which makes its list in the same transaction as the campaign it feeds.
 */
export async function insertList(m: EntityManager, list: NewList): Promise<number> {
  const result = await m.getRepository(ListEntity).insert({
    name: list.name,
    description: list.description,
    tags: [...new Set(list.tags)],
    linkedCampaignId: list.linkedCampaignId,
    createdAt: list.now,
    updatedAt: list.now,
  });
  return result.identifiers[0]!.id as number;
}
