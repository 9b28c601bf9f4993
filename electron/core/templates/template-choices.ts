import { TemplateEntity, type TemplateRow } from '../db/entities/messaging';
import type { ReadManager } from '../db/read-db';

/**
 * The templates a person picks from when writing to a customer (the inbox's composer, auto-replies):
 * this folder owns `templates` (issue 9).
 */

/** Approved templates by name, then language. */
export function approvedTemplates(m: ReadManager): Promise<TemplateRow[]> {
  return m
    .getRepository(TemplateEntity)
    .find({ where: { status: 'APPROVED' }, order: { name: 'ASC', language: 'ASC' } });
}

/** A template by its name and language (the API's way of choosing one), whatever its status. */
export function templateByName(m: ReadManager, name: string, language: string): Promise<TemplateRow | null> {
  return m.getRepository(TemplateEntity).findOneBy({ name, language });
}
