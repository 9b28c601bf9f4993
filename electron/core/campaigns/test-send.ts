import { randomUUID } from 'node:crypto';
import { AppError } from '@shared/errors';
import type { VariableBinding } from '@shared/types/campaigns';
import type { MessageDto } from '@shared/types/messages';
import type { WhatsAppConnection } from '../connection/whatsapp-connection';
import type { CoreContext } from '../core-context';
import type { CampaignRow } from '../db/entities/campaign';
import { ContactAttributeEntity, ContactEntity } from '../db/entities/contact';
import { ConversationEntity, MessageEntity, TemplateEntity, type MessageRow } from '../db/entities/messaging';
import type { MediaService } from '../media/media-service';
import { toMessageDto } from '../messaging/message-dto';
import { toE164 } from '../util/phone';
import { WhatsAppApiError, type OutboundMessage } from '../whatsapp';
import { resolveMediaHeader } from './media-header';
import { renderCampaignMessage, type RenderContact } from './render-message';
import { messageChanged } from '../messaging/message-event';
import { renderContact } from './analytics/preview';

/**
 * The campaign's message to any number, before the real thing. Rendered for the chosen contact
 * (`asContactId`), else for the contact with that number if there is one, else with the fallbacks. A row like any other (stored, then sent), marked
 * is_test so the campaign's figures and its one-per-number index leave it out.
 */
export async function sendTestMessage(
  ctx: CoreContext,
  whatsapp: WhatsAppConnection,
  media: MediaService | null,
  campaign: CampaignRow,
  to: string,
  asContactId?: number,
): Promise<MessageDto> {
  const e164 = toE164(to, ctx.organization.defaultCountry);
  if (!e164) {
    throw new AppError('VALIDATION', 'Not a phone number', {
      fields: [{ field: 'to', message: 'Not a phone number: add the country code, e.g. +91…' }],
    });
  }
  const template = await ctx.db.getRepository(TemplateEntity).findOneBy({ id: campaign.templateId });
  if (!template) throw new AppError('CONFLICT', `Template ${campaign.templateName} is gone: choose another`);
  const contact = await contactFor(ctx, e164);
  // Another customer's data, to see their message on one's own phone; by default the number's own.
  const renderFor = asContactId === undefined ? contact : await renderContact(ctx.db.manager, asContactId);
  const rendered = renderCampaignMessage({
    template,
    bindings: JSON.parse(campaign.variables) as VariableBinding[],
    mediaHeader: await resolveMediaHeader(media, campaign),
    contact: renderFor,
  });
  const message: OutboundMessage = { type: 'template', template: rendered.content };
  const clientRef = `wd_${randomUUID()}`;
  const conversation = contact?.id
    ? await ctx.db
        .getRepository(ConversationEntity)
        .findOneBy({ contactId: contact.id, phoneNumberId: campaign.phoneNumberId })
    : null;
  const id = await ctx.tx.run(async (m) => {
    const result = await m.getRepository(MessageEntity).insert({
      waMessageId: null,
      clientRef,
      direction: 'out',
      contactId: contact?.id ?? null,
      conversationId: conversation?.id ?? null,
      phoneNumberId: campaign.phoneNumberId,
      recipientWaId: e164.slice(1),
      type: 'template',
      text: rendered.text,
      payload: JSON.stringify(message),
      status: 'sending',
      errorCode: null,
      errorTitle: null,
      errorDetails: null,
      campaignId: campaign.id,
      contextWaMessageId: null,
      attempts: 1,
      nextAttemptAt: null,
      isTest: true,
      createdAt: ctx.clock.now(),
      sentAt: null,
      deliveredAt: null,
      readAt: null,
      failedAt: null,
    });
    return result.identifiers[0]!.id as number;
  });
  let changes: Partial<MessageRow>;
  try {
    const sent = await whatsapp.client.messages.send(campaign.phoneNumberId, e164, message, {
      bizOpaqueCallbackData: clientRef,
    });
    changes = { waMessageId: sent.wamid, sentAt: ctx.clock.now() };
  } catch (error) {
    if (!(error instanceof WhatsAppApiError)) throw error;
    changes = {
      status: 'failed',
      failedAt: ctx.clock.now(),
      errorCode: error.code,
      errorTitle: error.title || error.reason,
      errorDetails: error.details ?? null,
    };
  }
  const row = await ctx.tx.run(async (m) => {
    const repo = m.getRepository(MessageEntity);
    const current = await repo.findOneByOrFail({ id });
    // A status webhook may have got here first; only a row still `sending` moves to `sent`.
    const status = changes.status ?? (current.status === 'sending' ? 'sent' : current.status);
    await repo.update(
      { id },
      { ...changes, status, waMessageId: changes.waMessageId ?? current.waMessageId },
    );
    return repo.findOneByOrFail({ id });
  });
  ctx.events.publish('messages.changed', await messageChanged(ctx.db, row));
  return toMessageDto(row);
}

async function contactFor(ctx: CoreContext, e164: string): Promise<RenderContact | null> {
  const contact = await ctx.db.getRepository(ContactEntity).findOneBy({ phone: e164 });
  if (!contact) return null;
  const attributes = await ctx.db.getRepository(ContactAttributeEntity).findBy({ contactId: contact.id });
  return {
    id: contact.id,
    name: contact.name,
    phone: contact.phone,
    email: contact.email,
    attributes: Object.fromEntries(attributes.map((a) => [a.key, a.value])),
  };
}
