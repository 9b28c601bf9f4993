import { AppError } from '@shared/errors';
import { isHttpsLink, MEDIA_LINK_MESSAGE } from '@shared/operations/campaigns';
import type { MediaHeader, VariableBinding } from '@shared/types/campaigns';
import type { TemplateComponentDto } from '@shared/types/templates';
import type { WhatsAppConnection } from '../connection/whatsapp-connection';
import type { CoreContext } from '../core-context';
import type { TemplateRow } from '../db/entities/messaging';
import { assertListsExist } from '../lists/membership';
import { mediaById } from '../media/media-rows';
import { isRegistered, syncPhoneNumbers } from '../messaging/phone-numbers';
import { allPhoneNumbers, phoneNumberById } from '../phone-numbers/phone-number-rows';
import { templateById } from '../templates/template-rows';
import { templateVariables } from '../templates/template-variables';

/** The settings a campaign needs to be sendable, whether created or edited. */
export interface CampaignSettings {
  phoneNumberId: string;
  templateId: string;
  listIds: number[];
  variables: VariableBinding[];
  mediaHeader: MediaHeader | null;
}

function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION', message, { fields: [{ field, message }] });
}

/**
 * Everything is checked when the campaign is saved, not when it starts, so a scheduled campaign does
 * not fail at 3 a.m. on something that could have been said at once. Returns the template.
 */
export async function validateCampaign(
  ctx: CoreContext,
  whatsapp: WhatsAppConnection | null,
  settings: CampaignSettings,
): Promise<TemplateRow> {
  const m = ctx.db.manager;
  const template = await templateById(m, settings.templateId);
  if (!template) throw invalid('templateId', 'No such template: sync templates and choose again');
  if (template.status !== 'APPROVED') {
    throw invalid(
      'templateId',
      `Template ${template.name} is ${template.status}: only approved ones can be sent`,
    );
  }
  await assertListsExist(m, settings.listIds, 'listIds');
  await assertPhoneNumber(ctx, whatsapp, settings.phoneNumberId);
  assertBindings(template, settings.variables);
  await assertMediaHeader(ctx, template, settings.mediaHeader, settings.phoneNumberId);
  return template;
}

async function assertPhoneNumber(
  ctx: CoreContext,
  whatsapp: WhatsAppConnection | null,
  id: string,
): Promise<void> {
  // None stored yet (a fresh account): read them from Meta first.
  if (whatsapp && (await allPhoneNumbers(ctx.db)).length === 0) await syncPhoneNumbers(ctx, whatsapp);
  const number = await phoneNumberById(ctx.db, id);
  if (!number) throw invalid('phoneNumberId', `No phone number ${id} in this business account`);
  if (!isRegistered(number)) {
    throw invalid(
      'phoneNumberId',
      `Number ${number.displayPhoneNumber} is not registered on the Cloud API yet: register it under Phone numbers`,
    );
  }
}

/** One binding per placeholder of the header and body, none for a placeholder the template lacks. */
function assertBindings(template: TemplateRow, bindings: readonly VariableBinding[]): void {
  const components = JSON.parse(template.components) as TemplateComponentDto[];
  if (
    components.some(
      (c) => c.type.toUpperCase() === 'BUTTONS' && c.buttons?.some((b) => b.url?.includes('{{')),
    )
  ) {
    // The contract binds header and body placeholders only; a link button's {{1}} cannot be filled.
    throw invalid(
      'templateId',
      `Template ${template.name} has a link button with a variable: not supported yet`,
    );
  }
  const { variables } = templateVariables(components);
  const needed = [
    ...variables.header.map((p) => ({ component: 'header' as const, placeholder: p })),
    ...variables.body.map((p) => ({ component: 'body' as const, placeholder: p })),
  ];
  for (const [index, binding] of bindings.entries()) {
    if (!needed.some((n) => n.component === binding.component && n.placeholder === binding.placeholder)) {
      throw invalid(
        `variables.${index}.placeholder`,
        `The ${binding.component} of ${template.name} has no {{${binding.placeholder}}}`,
      );
    }
    if (
      bindings.findIndex(
        (b) => b.component === binding.component && b.placeholder === binding.placeholder,
      ) !== index
    ) {
      throw invalid(`variables.${index}.placeholder`, `{{${binding.placeholder}}} is bound twice`);
    }
    if ((binding.source === 'fixed' || binding.source === 'attribute') && !binding.value.trim()) {
      throw invalid(
        `variables.${index}.value`,
        binding.source === 'fixed'
          ? `Give the text for {{${binding.placeholder}}}`
          : `Choose the attribute for {{${binding.placeholder}}}`,
      );
    }
  }
  const missing = needed.find(
    (n) => !bindings.some((b) => b.component === n.component && b.placeholder === n.placeholder),
  );
  if (missing) {
    throw invalid('variables', `Set a value for {{${missing.placeholder}}} in the ${missing.component}`);
  }
}

async function assertMediaHeader(
  ctx: CoreContext,
  template: TemplateRow,
  header: MediaHeader | null,
  phoneNumberId: string,
): Promise<void> {
  const needs = templateVariables(JSON.parse(template.components) as TemplateComponentDto[]).mediaHeader;
  if (needs && !header) {
    throw invalid('mediaHeader', `Template ${template.name} needs a ${needs.toLowerCase()} for its header`);
  }
  if (!needs && header) throw invalid('mediaHeader', `Template ${template.name} has no media header`);
  // Also for a campaign saved before links had to be https://: it is checked again when edited.
  if (header && 'link' in header && !isHttpsLink(header.link)) {
    throw invalid('mediaHeader.link', MEDIA_LINK_MESSAGE);
  }
  if (header && 'mediaId' in header) {
    const file = await mediaById(ctx.db, header.mediaId);
    if (!file || file.source === 'inbound') {
      throw invalid('mediaHeader', `No media file with id ${header.mediaId}`);
    }
    // A media id belongs to the number that uploaded it, and the header takes one kind of file.
    if (file.phoneNumberId !== phoneNumberId) {
      throw invalid('mediaHeader', `“${file.fileName}” is in another number’s media library`);
    }
    if (needs && file.kind !== needs.toLowerCase()) {
      throw invalid(
        'mediaHeader',
        `The header needs a ${needs.toLowerCase()}; “${file.fileName}” is a ${file.kind}`,
      );
    }
  }
}
