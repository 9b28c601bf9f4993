import { reachableContacts } from '../contacts/reachable-contacts';
import { subscribedToAny } from '../lists/list-audience';
import { marks, type Fragment } from '../db/sql';

/**
 * Whom a campaign reaches: every contact subscribed to any of its lists who is neither blocked nor
 * opted out, as one selection of `contact_id` and `address` (the WhatsApp id a message goes to).
 * Composed of the contacts' and the lists' own fragments (issue 9), so the queue, the planned counts
 * and the preview use one rule in single statements.
 */
export function audienceOf(listIds: Fragment): Fragment {
  const reachable = reachableContacts();
  const subscribed = subscribedToAny('a.contact_id', listIds);
  return {
    sql: `SELECT a.contact_id, a.address FROM (${reachable.sql}) a WHERE ${subscribed.sql}`,
    params: [...reachable.params, ...subscribed.params],
  };
}

/** The campaign's lists, for `audienceOf`. */
export function listsOfCampaign(campaignId: number): Fragment {
  return { sql: 'SELECT cl.list_id FROM campaign_lists cl WHERE cl.campaign_id = ?', params: [campaignId] };
}

/** These lists (at least one), for `audienceOf`. */
export function theseLists(listIds: readonly number[]): Fragment {
  return { sql: marks(listIds.length), params: [...listIds] };
}
