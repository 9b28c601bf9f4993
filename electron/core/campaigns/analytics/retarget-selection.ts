import type { ReadManager } from '../../db/read-db';
import { AppError } from '@shared/errors';
import type { RecipientState } from '@shared/types/campaigns';
import type { CampaignRow } from '../../db/entities/campaign';
import { messageableAmong } from '../../contacts/recipient-contacts';
import { contactsInState, recipientsAmong } from '../../messaging/recipient-contacts';

export type RetargetSelect = 'failed' | 'delivered_not_read' | 'read_not_replied' | 'replied' | 'manual';

/** Each selection is a recipient state as a person reads it (a reply outranks read and delivered). */
const STATE_OF: Record<Exclude<RetargetSelect, 'manual'>, RecipientState> = {
  failed: 'failed',
  delivered_not_read: 'delivered',
  read_not_replied: 'read',
  replied: 'replied',
};

/** How the selection reads in a list or campaign name. */
export const SELECTION_LABEL: Record<RetargetSelect, string> = {
  failed: 'failed',
  delivered_not_read: 'delivered, not read',
  read_not_replied: 'read, not replied',
  replied: 'replied',
  manual: 'chosen',
};

/**
 * The contacts a retarget picks from the campaign's recipients. A manual pick must name recipients
 * only: anyone else is a VALIDATION error naming them, since sending to them would not be a retarget.
 */
export async function selectContacts(
  m: ReadManager,
  campaign: CampaignRow,
  selection: RetargetSelect,
  contactIds: readonly number[],
): Promise<number[]> {
  if (selection === 'manual') return checkedManualPick(m, campaign.id, contactIds);
  return contactsInState(m, campaign.id, STATE_OF[selection]);
}

async function checkedManualPick(
  m: ReadManager,
  campaignId: number,
  contactIds: readonly number[],
): Promise<number[]> {
  const wanted = [...new Set(contactIds)];
  const found = await recipientsAmong(m, campaignId, wanted);
  const strangers = wanted.filter((id) => !found.has(id));
  if (strangers.length) {
    const shown = strangers.slice(0, 10).join(', ') + (strangers.length > 10 ? '…' : '');
    throw new AppError('VALIDATION', `Not recipients of this campaign: contact ${shown}`, {
      fields: [{ field: 'contactIds', message: 'Choose recipients of this campaign' }],
    });
  }
  return wanted.sort((a, b) => a - b);
}

/** Splits contacts into those a campaign may message and those it must not (opted out or blocked). */
export async function eligibleContacts(
  m: ReadManager,
  contactIds: readonly number[],
): Promise<{ eligible: number[]; skipped: number }> {
  const eligible = await messageableAmong(m, contactIds);
  return { eligible, skipped: contactIds.length - eligible.length };
}
