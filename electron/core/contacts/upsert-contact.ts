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
  attempt = 1,
): Promise<{ contact: ContactDto; created: boolean; warnings: FieldError[] }> {
  const byPhone = input.phone !== undefined ? await contacts.findByPhone(input.phone) : null;
  const byUserId = input.userId !== undefined ? await contacts.findByUserId(input.userId) : null;
  if (byPhone && byUserId && byPhone.id !== byUserId.id) {
    throw new AppError(
      'CONFLICT',
      `The number belongs to “${byPhone.name}” (#${byPhone.id}) and the user id to “${byUserId.name}” (#${byUserId.id}): merge them first`,
      {
        fields: [
          { field: 'userId', message: `Already used by “${byUserId.name}” (contact #${byUserId.id})` },
        ],
      },
    );
  }
  const existing = byPhone ?? byUserId;
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
      // Two calls for one new customer at once: the second one updates what the first made. Once:
      // a conflict that stays is not a race, and the caller hears it.
      if (!(error instanceof AppError && error.code === 'CONFLICT') || attempt > 1) throw error;
      return upsertContact(contacts, lists, actor, input, attempt + 1);
    }
  }
  const { warnings: _repeated, ...updated } = await contacts.update(actor, {
    id: existing.id,
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.email !== undefined ? { email: input.email } : {}),
    // The key the contact lacks is filled in; one it has is never replaced from here.
    ...(input.phone !== undefined && !existing.phone ? { phone: input.phone } : {}),
    ...(input.userId !== undefined && !existing.userId ? { userId: input.userId } : {}),
    ...(input.attributes ? { attributes: { ...existing.attributes, ...input.attributes } } : {}),
    ...(input.tags ? { tags: [...new Set([...existing.tags, ...input.tags])] } : {}),
  });
  let contact: ContactDto = updated;
  for (const listId of new Set(input.listIds)) await lists.addContacts(actor, listId, [existing.id]);
  if (input.listIds.length) {
    const { lists: _memberships, ...fresh } = await contacts.get(existing.id);
    contact = fresh;
  }
  const warnings = input.phone !== undefined ? contacts.phoneWarnings(input.phone) : [];
  return { contact, created: false, warnings };
}
