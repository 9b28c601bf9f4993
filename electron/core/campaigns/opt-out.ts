import type { EntityManager } from 'typeorm';
import type { AuditLog } from '../audit/audit-log';
import { optOutByKeyword } from '../contacts/marketing-opt-out';
import { CampaignEntity } from '../db/entities/campaign';
import { select } from '../db/sql';
import { unsubscribeFromLists } from '../lists/membership';
import { campaignsThatReached } from '../messaging/campaign-contacts';
import type { InboundHook } from '../webhooks/apply-message';
import type { InboundMessage } from '../whatsapp/webhooks';

/** Keywords are at most 40 characters; longer messages are conversation, not opt-outs. */
const MAX_KEYWORD = 40;

/** "Stop", " STOP ", "s t o p" all match STOP: case and spaces never decide. */
export function normaliseKeyword(text: string): string {
  return text.replace(/\s+/g, '').toLowerCase();
}

/** The words of an inbound message that may be a keyword: its text, or a quick reply's text and payload. */
function candidates(message: InboundMessage): string[] {
  switch (message.type) {
    case 'text':
      return [message.text];
    case 'button':
      return [message.button.text, message.button.payload ?? ''];
    default:
      return [];
  }
}

/**
 * The opt-out keyword hook, run by the webhook processor inside the transaction that stored the
 * message (so an opt-out is never lost between the two). A keyword of a campaign that sent to this
 * number (the most recent such campaign first) unsubscribes the sender from that campaign's lists
 * and opts the contact out of marketing (contacts/marketing-opt-out.ts); running and later campaigns
 * leave them out. Written with the transaction's manager: ContactService.setOptOut opens its own
 * transaction, which on SQLite's single connection would wait for this one forever.
 */
export function campaignOptOutHook(audit: AuditLog): InboundHook {
  return async (m, inbound, effects) => {
    const words = candidates(inbound.message)
      .filter((w) => w.length > 0 && w.length <= MAX_KEYWORD)
      .map(normaliseKeyword);
    if (!words.length) return;
    const match = await matchingCampaign(m, inbound.contactId, words);
    if (!match) return;
    const lists = await select<{ listId: number }>(
      m,
      'SELECT list_id AS listId FROM campaign_lists WHERE campaign_id = ?',
      [match.campaignId],
    );
    const unsubscribed = await unsubscribeFromLists(
      m,
      inbound.contactId,
      lists.map((l) => l.listId),
      inbound.at,
    );
    const optedOut = await optOutByKeyword(
      m,
      inbound.contactId,
      inbound.at,
      `Sent “${match.keyword}” in reply to the campaign “${match.campaignName}”`,
    );
    if (!unsubscribed && !optedOut) return;
    await audit.record(m, {
      actorUserId: null,
      action: 'contact.opted_out',
      targetType: 'contact',
      targetId: inbound.contactId,
      details: {
        source: 'keyword',
        keyword: match.keyword,
        campaignId: match.campaignId,
        listsUnsubscribed: unsubscribed,
      },
    });
    effects.publish('contacts.changed', { reason: 'contact.opt_out' });
    if (unsubscribed) effects.publish('lists.changed', { reason: 'contact.opt_out' });
  };
}

/**
 * By contact, not by address: a customer reached at their number may answer from their user id
 * once they hide it (or the other way round), and their STOP must still count.
 */
async function matchingCampaign(
  m: EntityManager,
  contactId: number,
  words: readonly string[],
): Promise<{ campaignId: number; campaignName: string; keyword: string } | null> {
  const ids = await campaignsThatReached(m, contactId);
  if (!ids.length) return null;
  const rows = await m.getRepository(CampaignEntity).findBy(ids.map((id) => ({ id })));
  const byId = new Map(rows.map((c) => [c.id, c]));
  // Most recent first; a campaign deleted since has no keywords any more.
  const campaigns = ids.flatMap((id) => byId.get(id) ?? []);
  for (const campaign of campaigns) {
    const keywords = JSON.parse(campaign.optOutKeywords) as string[];
    const keyword = keywords.find((k) => words.includes(normaliseKeyword(k)));
    if (keyword) return { campaignId: campaign.id, campaignName: campaign.name, keyword };
  }
  return null;
}
