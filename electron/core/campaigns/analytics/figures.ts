import type { CampaignFigures } from '@shared/types/campaigns';
import { select } from '../../db/sql';
import type { CampaignRow } from '../../db/entities/campaign';
import type { ReadManager } from '../../db/read-db';

const NO_TALLY = {
  queued: 0,
  sending: 0,
  unconfirmed: 0,
  sent: 0,
  delivered: 0,
  read: 0,
  failed: 0,
  replied: 0,
};

/**
 * Every figure of the campaign from the counters its message rows keep up to date as they are
 * written (campaign_tallies, migration 0021, with 0024's reply marks), never a pass over the rows:
 * recipients by their message's status, and how many answered.
 */
export async function campaignFigures(
  m: ReadManager,
  campaign: CampaignRow,
  /** When each recipient opted out (optedOutAt), read once for the figures and the timeline. */
  optOutTimes: Promise<Date[]>,
): Promise<CampaignFigures> {
  const [row] = await select<typeof NO_TALLY>(
    m,
    `SELECT queued, sending, unconfirmed, sent, delivered, read, failed, replied
       FROM campaign_tallies WHERE campaign_id = ?`,
    [campaign.id],
  );
  const t = row ?? NO_TALLY;
  const recipients = t.queued + t.sending + t.unconfirmed + t.sent + t.delivered + t.read + t.failed;
  const delivered = t.delivered + t.read;
  const sent = t.sent + delivered;
  return {
    recipients,
    queued: t.queued,
    sending: t.sending,
    unconfirmed: t.unconfirmed,
    sent,
    delivered,
    read: t.read,
    replied: t.replied,
    failed: t.failed,
    optedOut: (await optOutTimes).length,
    rates: {
      delivery: share(delivered, recipients),
      read: share(t.read, recipients),
      reply: share(t.replied, recipients),
      failure: share(t.failed, recipients),
    },
  };
}

/** The pace: messages of the campaign sent lately, counted on its rows, which messaging/ owns. */
export { sentSince } from '../../messaging/recipient-counts';

/**
 * The minute of the latest sent, delivered, read or failed figure: where the timeline has to reach.
 * Minute 0 holds figures without a time, which reach nowhere.
 */
export async function lastEventAt(m: ReadManager, campaignId: number): Promise<Date | null> {
  const [row] = await select<{ minute: number | null }>(
    m,
    `SELECT max(minute) AS minute FROM campaign_minutes
      WHERE campaign_id = ? AND minute > 0 AND sent + delivered + read + failed > 0`,
    [campaignId],
  );
  return row?.minute ? new Date(row.minute * 60_000) : null;
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}
