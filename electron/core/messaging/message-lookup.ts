import { MessageEntity, type MessageRow } from '../db/entities/messaging';
import type { ReadManager } from '../db/read-db';

/** How other domains read one message: this folder owns `messages` (issue 9). */
export function messageById(m: ReadManager, id: number): Promise<MessageRow | null> {
  return m.getRepository(MessageEntity).findOneBy({ id });
}
