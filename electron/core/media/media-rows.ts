import { In } from 'typeorm';
import { MediaEntity } from '../db/entities/media';
import type { MediaRow } from '../db/entities/media';
import type { ReadManager } from '../db/read-db';

/** How other domains read the media library: this folder owns `media` (issue 9). */
export function mediaById(m: ReadManager, id: number): Promise<MediaRow | null> {
  return m.getRepository(MediaEntity).findOneBy({ id });
}

export async function mediaByIds(m: ReadManager, ids: readonly number[]): Promise<MediaRow[]> {
  return ids.length ? m.getRepository(MediaEntity).findBy({ id: In([...ids]) }) : [];
}

export function mediaExists(m: ReadManager, id: number): Promise<boolean> {
  return m.getRepository(MediaEntity).existsBy({ id });
}

/** The file a message carried (inbound media is stored once per message), if it was kept. */
export function mediaOfMessage(m: ReadManager, messageId: number): Promise<MediaRow | null> {
  return m.getRepository(MediaEntity).findOneBy({ messageId });
}
