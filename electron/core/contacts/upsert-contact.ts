import { AppError, type FieldError } from '@shared/errors';
import type { ParsedInputOf } from '@shared/operations';
import type { ContactDto } from '@shared/types/contacts';
import type { Actor } from '../auth/actor';
import type { ListService } from '../lists/list-service';
import type { ContactService } from './contact-service';

type UpsertInput = ParsedInputOf<'contacts.upsert'>;

/**
 * For integrations: the contact with this phone number (or, without one, this WhatsApp user id),
 * created or brought up to date. What is sent is added (attributes merged, tags added, lists joined);
 * nothing the shop entered is dropped.
 */
export async function upsertContact(
  contacts: ContactService,
  lists: ListService,
  actor: Actor | null,
  input: UpsertInput,
): Promise<{ contact: ContactDto; created: boolean; warnings: FieldError[] }> {
  const find = () =>
    input.phone !== undefined ? contacts.findByPhone(input.phone) : contacts.findByUserId(input.userId!);
  const existing = await find();
  if (!existing) {
    try {
      const { warnings, ...contact } = await contacts.create(actor, {
        name: input.name ?? input.phone ?? input.userId!,
        phone: input.phone,
        userId: input.userId,
        email: input.email,
        attributes: input.attributes,
        tags: input.tags,
        listIds: input.listIds,
      });
      return { contact, created: true, warnings };
    } catch (error) {
      // Two calls for one new number at once: the second one updates what the first made.
      if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
      return upsertContact(contacts, lists, actor, input);
    }
  }
  const { warnings: _repeated, ...updated } = await contacts.update(actor, {
    id: existing.id,
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.email !== undefined ? { email: input.email } : {}),
    ...(input.attributes ? { attributes: { ...existing.attributes, ...input.attributes } } : {}),
    ...(input.tags ? { tags: [...new Set([...existing.tags, ...input.tags])] } : {}),
  });
  let contact: ContactDto = updated;
  for (const listId of new Set(input.listIds)) await lists.addContacts(actor, listId, [existing.id]);
  if (input.listIds.length) contact = (await find()) ?? contact;
  const warnings = input.phone !== undefined ? contacts.phoneWarnings(input.phone) : [];
  return { contact, created: false, warnings };
}
