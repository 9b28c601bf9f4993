import { AppError } from '@shared/errors';
import type { MediaHeader, RenderedMessage, VariableBinding } from '@shared/types/campaigns';
import { loadAttributes, loadContacts } from '../../contacts/contact-rows';
import { marks, select } from '../../db/sql';
import type { CampaignRow } from '../../db/entities/campaign';
import { MediaEntity } from '../../db/entities/media';
import { TemplateEntity } from '../../db/entities/messaging';
import { mediaPath } from '../../media/media-dto';
import { renderCampaignMessage, type RenderContact, type RenderMediaHeader } from '../render-message';
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
  const template = await m.getRepository(TemplateEntity).findOneBy({ id: campaign.templateId });
  if (!template) {
    throw new AppError('CONFLICT', `Template ${campaign.templateName} is no longer in the account`);
  }
  const id = contactId ?? (await firstRecipient(m, campaign));
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
  const template = await m.getRepository(TemplateEntity).findOneBy({ id: draft.templateId });
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
  if (!listIds.length) return null;
  const [first] = await select<{ id: number }>(
    m,
    `SELECT c.id FROM contacts c
     WHERE c.status <> 'blocked' AND c.opted_out = 0 AND EXISTS (SELECT 1 FROM list_members lm
       WHERE lm.contact_id = c.id AND lm.subscribed = 1 AND lm.list_id IN (${marks(listIds.length)}))
     ORDER BY c.id LIMIT 1`,
    [...listIds],
  );
  return first?.id ?? null;
}

async function firstRecipient(m: ReadManager, campaign: CampaignRow): Promise<number | null> {
  const [sent] = await select<{ id: number }>(
    m,
    `SELECT contact_id AS id FROM messages
     WHERE campaign_id = ? AND is_test = 0 AND contact_id IS NOT NULL ORDER BY id LIMIT 1`,
    [campaign.id],
  );
  if (sent) return sent.id;
  // Who fixRecipients would put first: subscribed to one of the lists, not blocked, not opted out.
  const [planned] = await select<{ id: number }>(
    m,
    `SELECT c.id FROM contacts c
     WHERE c.status <> 'blocked' AND c.opted_out = 0 AND EXISTS (SELECT 1 FROM list_members lm
       JOIN campaign_lists cl ON cl.list_id = lm.list_id AND cl.campaign_id = ?
       WHERE lm.contact_id = c.id AND lm.subscribed = 1)
     ORDER BY c.id LIMIT 1`,
    [campaign.id],
  );
  return planned?.id ?? null;
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
  const media = await m.getRepository(MediaEntity).findOneBy({ id: header.mediaId });
  if (!media) return { ref: { id: String(header.mediaId) }, displayUrl: null };
  return {
    ref: { id: media.waMediaId ?? String(media.id) },
    displayUrl: mediaPath(media.storageName),
    filename: media.fileName,
  };
}
