import { TemplateEntity } from '../db/entities/messaging';
import type { TemplateRow } from '../db/entities/messaging';
import type { ReadManager } from '../db/read-db';

/** How other domains read a template: this folder owns `templates` (issue 9). */
export function templateById(m: ReadManager, id: string): Promise<TemplateRow | null> {
  return m.getRepository(TemplateEntity).findOneBy({ id });
}
