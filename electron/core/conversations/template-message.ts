import { AppError } from '@shared/errors';
import type { MediaHeader, VariableBinding } from '@shared/types/campaigns';
import { attributesOfContact, contactById } from '../contacts/contact-lookup';
import type { TemplateRow } from '../db/entities/messaging';
import type { ReadManager } from '../db/read-db';
import { templateByName } from '../templates/template-choices';
import { templateById } from '../templates/template-rows';
import {
  renderCampaignMessage,
  type RenderContact,
  type RenderMediaHeader,
  type RenderResult,
} from '../campaigns/render-message';

/** The approved template a person chose, by id or by name and language. */
export async function approvedTemplate(
  m: ReadManager,
  choice: { templateId?: string; name?: string; language?: string },
): Promise<TemplateRow> {
  const row = choice.templateId
    ? await templateById(m, choice.templateId)
    : await templateByName(m, choice.name!, choice.language!);
  const which = choice.templateId ?? `${choice.name} (${choice.language})`;
  if (!row) {
    throw new AppError('VALIDATION', `No template ${which}`, {
      fields: [{ field: 'template.templateId', message: 'No such template' }],
    });
  }
  if (row.status !== 'APPROVED') {
    throw new AppError(
      'VALIDATION',
      `The template ${row.name} is ${row.status.toLowerCase()}, not approved`,
      {
        fields: [{ field: 'template.templateId', message: 'Not approved' }],
      },
    );
  }
  return row;
}

/** The contact's fields a template's variables may read. */
export async function renderContact(m: ReadManager, contactId: number): Promise<RenderContact | null> {
  const contact = await contactById(m, contactId);
  if (!contact) return null;
  return {
    id: contact.id,
    name: contact.name,
    phone: contact.phone,
    email: contact.email,
    attributes: await attributesOfContact(m, contactId),
  };
}

/**
 * The template as the customer will see it. When queueing, the media header is not uploaded yet:
 * a stand-in reference renders the text, and the outbox renders again with the real one.
 */
export function renderTemplate(
  template: TemplateRow,
  variables: readonly VariableBinding[],
  mediaHeader: MediaHeader | null,
  resolvedHeader: RenderMediaHeader | null,
  contact: RenderContact | null,
): RenderResult {
  const header =
    resolvedHeader ??
    (mediaHeader ? { ref: { link: 'https://media.invalid/pending' }, displayUrl: null } : null);
  return renderCampaignMessage({ template, bindings: variables, mediaHeader: header, contact });
}
