import { AppError } from '@shared/errors';
import type { MediaHeader, RenderedMessage, VariableBinding } from '@shared/types/campaigns';
import { loadAttributes, loadContacts } from '../../contacts/contact-rows';
import { select, type Fragment } from '../../db/sql';
import { mediaPath } from '../../media/media-dto';
import { mediaById } from '../../media/media-rows';
import { firstContactOfCampaign } from '../../messaging/campaign-contacts';
import { templateById } from '../../templates/template-rows';
import { renderCampaignMessage, type RenderContact, type RenderMediaHeader } from '../render-message';
import { audienceOf, listsOfCampaign, theseLists } from '../campaign-audience';
import { findCampaign } from '../campaign-dto';
import type { ReadManager } from '../../db/read-db';

/**
 * The campaign's message as one recipient will get it, rendered by the same function the runner
 * sends with. Without a chosen contact: the first recipient (the first message row once the
 * campaign has started, else the first contact its lists would give it); with nobody at all, every
 * variable shows its fallback.
 */
export async function previewCampaign(
  m: ReadManager,
  campaignId: number,
  contactId: number | undefined,
): Promise<RenderedMessage> {
  const campaign = await findCampaign(m, campaignId);
  const template = await templateById(m, campaign.templateId);
  if (!template) {
    throw new AppError('CONFLICT', `Template ${campaign.templateName} is no longer in the account`);
  }
  const id = contactId ?? (await firstRecipient(m, campaign.id));
  return renderCampaignMessage({
    template,
    bindings: JSON.parse(campaign.variables) as VariableBinding[],
    mediaHeader: await mediaHeaderOf(
      m,
      campaign.mediaHeader ? (JSON.parse(campaign.mediaHeader) as MediaHeader) : null,
    ),
    contact: id === null ? null : await renderContact(m, id),
  }).rendered;
}

export interface DraftPreview {
  templateId: string;
  listIds: readonly number[];
  variables: readonly VariableBinding[];
  mediaHeader: MediaHeader | null;
  contactId?: number;
}

/**
 * A campaign still being written, for the editor: the same rendering, for a chosen contact or the
 * first contact its lists would reach (a real customer, not an invented one). A value that cannot
 * be filled is a VALIDATION error naming the placeholder, which the editor shows as such.
 */
export async function previewDraft(m: ReadManager, draft: DraftPreview): Promise<RenderedMessage> {
  const template = await templateById(m, draft.templateId);
  if (!template) {
    throw new AppError('NOT_FOUND', 'No such template', {
      fields: [{ field: 'templateId', message: 'Choose an approved template' }],
    });
  }
  const id = draft.contactId ?? (await firstOfLists(m, draft.listIds));
  return renderCampaignMessage({
    template,
    bindings: draft.variables,
    mediaHeader: await mediaHeaderOf(m, draft.mediaHeader),
    contact: id === null ? null : await renderContact(m, id),
  }).rendered;
}

async function firstOfLists(m: ReadManager, listIds: readonly number[]): Promise<number | null> {
  return listIds.length ? firstOfAudience(m, theseLists(listIds)) : null;
}

/** The first row's contact once the campaign has started; before, whom fixRecipients would put first. */
async function firstRecipient(m: ReadManager, campaignId: number): Promise<number | null> {
  return (await firstContactOfCampaign(m, campaignId)) ?? firstOfAudience(m, listsOfCampaign(campaignId));
}

/** The contact with the lowest id among those these lists reach, the one a campaign's queue starts with. */
async function firstOfAudience(m: ReadManager, listIds: Fragment): Promise<number | null> {
  const audience = audienceOf(listIds);
  const [first] = await select<{ id: number }>(
    m,
    `SELECT r.contact_id AS id FROM (${audience.sql}) r ORDER BY r.contact_id LIMIT 1`,
    audience.params,
  );
  return first?.id ?? null;
}

export async function renderContact(m: ReadManager, id: number): Promise<RenderContact> {
  const [[contact], attributes] = await Promise.all([loadContacts(m, [id]), loadAttributes(m, [id])]);
  if (!contact) {
    throw new AppError('NOT_FOUND', `No contact with id ${id}`, {
      fields: [{ field: 'contactId', message: 'Unknown contact' }],
    });
  }
  return {
    id: contact.id,
    name: contact.name,
    phone: contact.phone,
    email: contact.email,
    attributes: attributes.get(id) ?? {},
  };
}

/** A preview only shows the header: the library file's /media/ path or the link, never an upload. */
async function mediaHeaderOf(m: ReadManager, header: MediaHeader | null): Promise<RenderMediaHeader | null> {
  if (header === null) return null;
  if ('link' in header) return { ref: { link: header.link }, displayUrl: header.link };
  const media = await mediaById(m, header.mediaId);
  if (!media) return { ref: { id: String(header.mediaId) }, displayUrl: null };
  return {
    ref: { id: media.waMediaId ?? String(media.id) },
    displayUrl: mediaPath(media.storageName),
    filename: media.fileName,
  };
}
