import { In } from 'typeorm';
import { MediaEntity, type MediaRow } from '../db/entities/media';
import type { ReadManager } from '../db/read-db';

/**
 * The files messages carried (inbound media is stored once per message), for a page of a thread in
 * one query: this folder owns `media` (issue 9). Messages whose file was not kept have none.
 */
export function mediaOfMessages(m: ReadManager, messageIds: readonly number[]): Promise<MediaRow[]> {
  return messageIds.length
    ? m.getRepository(MediaEntity).findBy({ messageId: In([...messageIds]) })
    : Promise.resolve([]);
}
