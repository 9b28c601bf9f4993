import type { ContactCampaignDto } from '@shared/types/conversations';
import type { ReadManager } from '../db/read-db';
import { select } from '../db/sql';

/** A campaign message a customer received, and whether they wrote back before the next one. */
export interface CampaignMessageTo {
  campaignId: number;
  sentAt: string | null;
  createdAt: string;
  status: ContactCampaignDto['status'];
  errorTitle: string | null;
  replied: number;
}

/**
 * The campaign messages a customer received (test sends aside), newest first, for the inbox's
 * side panel: this folder owns `messages` (issue 9). A reply counts for the message it follows,
 * up to the next campaign message.
 */
export function campaignMessagesTo(
  m: ReadManager,
  contactId: number,
  limit: number,
): Promise<CampaignMessageTo[]> {
  return select<CampaignMessageTo>(
    m,
    `SELECT m.campaign_id AS campaignId, m.sent_at AS sentAt, m.created_at AS createdAt,
            m.status AS status, m.error_title AS errorTitle,
            EXISTS (SELECT 1 FROM messages r
                     WHERE r.contact_id = m.contact_id AND r.direction = 'in'
                       AND r.created_at > COALESCE(m.sent_at, m.created_at)
                       AND r.created_at < COALESCE((SELECT min(n.created_at) FROM messages n
                             WHERE n.contact_id = m.contact_id AND n.campaign_id IS NOT NULL AND n.is_test = 0
                               AND n.created_at > m.created_at), '9999')) AS replied
       FROM messages m
      WHERE m.contact_id = ? AND m.campaign_id IS NOT NULL AND m.is_test = 0
      ORDER BY m.created_at DESC LIMIT ?`,
    [contactId, limit],
  );
}
