import { randomUUID } from 'node:crypto';
import { AppError } from '@shared/errors';
import type { VariableBinding } from '@shared/types/campaigns';
import type { MessageDto } from '@shared/types/messages';
import type { WhatsAppConnection } from '../connection/whatsapp-connection';
import type { CoreContext } from '../core-context';
import type { CampaignRow } from '../db/entities/campaign';
import { attributesOfContact, contactByAddress } from '../contacts/contact-lookup';
import { conversationWith } from '../conversations/conversation-rows';
import type { MessageRow } from '../db/entities/messaging';
import type { MediaService } from '../media/media-service';
import { settleTestSend, storeTestSend } from '../messaging/campaign-test-sends';
import { toMessageDto } from '../messaging/message-dto';
import { templateById } from '../templates/template-rows';
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
  const template = await templateById(ctx.db, campaign.templateId);
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
    ? await conversationWith(ctx.db, contact.id, campaign.phoneNumberId)
    : null;
  const id = await ctx.tx.run((m) =>
    storeTestSend(m, {
      clientRef,
      contactId: contact?.id ?? null,
      conversationId: conversation?.id ?? null,
      phoneNumberId: campaign.phoneNumberId,
      recipientWaId: e164.slice(1),
      text: rendered.text,
      payload: JSON.stringify(message),
      campaignId: campaign.id,
      createdAt: ctx.clock.now(),
    }),
  );
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
  const row = await ctx.tx.run((m) => settleTestSend(m, id, changes));
  ctx.events.publish('messages.changed', await messageChanged(ctx.db, row));
  return toMessageDto(row);
}

async function contactFor(ctx: CoreContext, e164: string): Promise<RenderContact | null> {
  const contact = await contactByAddress(ctx.db, { phone: e164 });
  if (!contact) return null;
  return {
    id: contact.id,
    name: contact.name,
    phone: contact.phone,
    email: contact.email,
    attributes: await attributesOfContact(ctx.db, contact.id),
  };
}
